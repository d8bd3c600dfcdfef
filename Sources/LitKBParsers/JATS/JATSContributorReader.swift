import LitKBModel

/// `contrib-group/contrib[@contrib-type="author"]`, in order: people and collectives, with ORCID
/// iDs and affiliations. Editors and other contributor roles are not authors and are left out.
extension JATSArticleReader {
    mutating func readContributors(_ meta: Element) {
        let affiliations = JATSAffiliations(meta)
        for group in meta.children("contrib-group") {
            for contrib in group.children("contrib") where (contrib.attribute("contrib-type") ?? "author") == "author" {
                var author = JATSArticleReader.author(contrib)
                author.affiliations = affiliations.of(contrib, in: group)
                guard author.family != nil || author.collective != nil || author.given != nil else {
                    warn("an author without a name or collab at line \(contrib.line) was skipped")
                    continue
                }
                record.authors.append(author)
            }
        }
    }

    /// The person's name (`name`, or the first of `name-alternatives`, or a structured
    /// `string-name`), or the group's `collab`; the bare ORCID iD from `contrib-id`.
    static func author(_ contrib: Element) -> Author {
        var author = Author()
        let name = contrib.child("name") ?? contrib.child("name-alternatives")?.child("name")
            ?? contrib.child("string-name").flatMap { $0.child("surname") != nil ? $0 : nil }
        if let name {
            author = person(name)
        } else if let collab = contrib.child("collab") ?? contrib.child("collab-alternatives")?.child("collab") {
            // A collab may list its members in a nested contrib-group: not part of its name.
            author.collective = collab.text(skipping: ["contrib-group", "contrib"]).nonEmpty
        } else if let plain = contrib.child("string-name")?.nonEmptyText {
            author.family = plain
        }
        for id in contrib.children("contrib-id") where id.attribute("contrib-id-type")?.lowercased() == "orcid" {
            if author.orcid == nil, let text = id.nonEmptyText { author.orcid = IdentifierText.orcid(text) }
        }
        return author
    }

    /// `<name><surname>Lema</surname><given-names>Sean C.</given-names></name>` → family
    /// `Lema`, given `Sean C`, initials `SC`: the values PubMed gives the same person.
    static func person(_ name: Element) -> Author {
        var author = Author()
        author.family = name.child("surname")?.nonEmptyText
        if let given = name.child("given-names")?.nonEmptyText {
            author.given = givenName(given)
            author.initials = PersonName.initials(ofGivenName: author.given ?? given)
        }
        author.suffix = name.child("suffix")?.nonEmptyText
        if author.family == nil, author.given != nil {
            // Mononyms are sometimes tagged as given names only.
            author.family = author.given
            author.given = nil
            author.initials = nil
        }
        return author
    }

    /// PubMed writes forenames without periods: `Sean C.` → `Sean C`, `J. A. W.` → `J A W`,
    /// `J.-P.` → `J-P`.
    static func givenName(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "." {
                if index + 1 < characters.count, characters[index + 1].isLetter { result.append(" ") }
                continue
            }
            result.append(character)
        }
        return result.split(separator: " ").joined(separator: " ")
    }
}

/// The `aff` elements of an article's front matter, and which of them belong to a contributor.
///
/// A contributor's affiliations are, in order: those its `xref ref-type="aff"` point to (one
/// `rid` may name several, space-separated), then `aff`s inside the `contrib` itself. Without
/// either, the `aff`s of its `contrib-group` that no `xref` points to belong to everyone in the
/// group, as JATS intends for a group sharing one affiliation.
struct JATSAffiliations {
    private var byID: [String: String] = [:]
    private var referenced: Set<String> = []

    init(_ meta: XMLTree.Element) {
        for aff in meta.descendants("aff", stoppingAt: JATSArticleReader.otherArticles) {
            if let id = aff.attribute("id"), let text = JATSAffiliations.text(aff) { byID[id] = text }
        }
        for xref in meta.descendants("xref", stoppingAt: JATSArticleReader.otherArticles) where xref.attribute("ref-type") == "aff" {
            for id in (xref.attribute("rid") ?? "").split(separator: " ") { referenced.insert(String(id)) }
        }
    }

    func of(_ contrib: XMLTree.Element, in group: XMLTree.Element) -> [String] {
        var result: [String] = []
        func add(_ text: String?) {
            if let text, !result.contains(text) { result.append(text) }
        }
        for xref in contrib.descendants("xref") where xref.attribute("ref-type") == "aff" {
            for id in (xref.attribute("rid") ?? "").split(separator: " ") { add(byID[String(id)]) }
        }
        for aff in contrib.children("aff") { add(JATSAffiliations.text(aff)) }
        if result.isEmpty {
            for aff in group.children("aff") where !referenced.contains(aff.attribute("id") ?? "") {
                add(JATSAffiliations.text(aff))
            }
        }
        return result
    }

    /// The affiliation without its label (`1`) or institution ids (Ringgold, ROR).
    static func text(_ aff: XMLTree.Element) -> String? {
        aff.text(skipping: ["label", "institution-id", "sup"]).nonEmpty
    }
}
