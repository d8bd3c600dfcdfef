import LitKBModel

/// One `LinkSet` of an eLink result, read into a record of its source PMID's links.
///
/// Decisions, from how eLink answers:
/// - `pubmed_pubmed` (similar articles) lists the source article itself first, with the top
///   score; so do `pubmed_pubmed_five`, `_combined`, `_reviews` and `_reviews_five`. A work is not
///   similar to itself, so self-links are dropped from every list, and ranks count the links
///   kept: rank 1 is the first similar article PubMed would show.
/// - `rank` is given to the ranked lists (similar and the other lists kept by name); cited-by
///   (newest first) and references (no meaningful order) carry none.
/// - eLink asked for several ids with one `&id=1,2,3` answers with one `LinkSet` whose `IdList`
///   holds them all and whose links are the union for all of them: no link can be attributed to
///   one source, so the set is skipped with a warning (ask with `&id=1&id=2` for one set each).
struct ELinkLinkSet {
    private(set) var record: ParsedRecord?
    /// Warnings about a set that gave no record.
    private(set) var fileWarnings: [ParseWarning] = []

    private var location: SourceLocation
    private var recordWarnings: [ParseWarning] = []

    init(_ set: XMLTree.Element, ordinal: Int, file: String) {
        location = SourceLocation(file: file, record: ordinal, line: set.line)
        read(set)
    }

    private mutating func read(_ set: XMLTree.Element) {
        let name = "LinkSet \(location.record ?? 0)"
        let dbFrom = set.child("DbFrom")?.text ?? ""
        let ids = set.child("IdList")?.children("Id").map(\.text) ?? []
        for error in set.children("ERROR") {
            recordWarnings.append(warning("eLink error in \(name): \(error.text)"))
        }
        if set.child("IdUrlList") != nil || set.child("IdCheckList") != nil || set.child("LinkSetDbHistory") != nil {
            let form = set.child("IdUrlList") != nil ? "LinkOut URLs (IdUrlList)"
                : set.child("IdCheckList") != nil ? "a link check (IdCheckList)" : "a history-server result (LinkSetDbHistory)"
            recordWarnings.append(warning("\(name) holds \(form): not links between PubMed records; skipped"))
        }
        guard dbFrom.lowercased() == "pubmed" else {
            fileWarnings += recordWarnings + [warning("\(name): links from database \(dbFrom.isEmpty ? "(none named)" : dbFrom) skipped: litkb keeps links from PubMed records")]
            return
        }
        guard ids.count == 1 else {
            let message = ids.isEmpty
                ? "\(name) names no source PMID; skipped"
                : "\(name) lists \(ids.count) source PMIDs (\(ids.prefix(3).joined(separator: ", "))\(ids.count > 3 ? ", ..." : "")) in one IdList: eLink merged their links, which belong to no single article; skipped (request one &id= per PMID)"
            fileWarnings += recordWarnings + [warning(message)]
            return
        }
        guard let source = PMID(ids[0]) else {
            fileWarnings += recordWarnings + [warning("\(name): source id \"\(ids[0])\" is not a PMID; skipped")]
            return
        }
        location.pmid = source
        var work = WorkRecord(format: .elink, ids: Identifiers(pmid: source))
        for database in set.children("LinkSetDb") {
            guard let (kind, links) = links(database, from: source, in: name) else { continue }
            if !work.listsGiven.contains(kind) { work.listsGiven.append(kind) }
            work.links += links
        }
        // An answer that is only an error ("Invalid uid") says nothing about the id: no record,
        // so no work is made for a PMID PubMed does not know.
        guard !work.listsGiven.isEmpty || set.children("ERROR").isEmpty else {
            fileWarnings += recordWarnings + [warning("\(name) (PMID \(source)): eLink answered with an error and no links; skipped")]
            return
        }
        record = ParsedRecord(record: work, location: location, warnings: recordWarnings)
    }

    /// The list one `LinkSetDb` gives (possibly empty once self-links are dropped), or nil with a
    /// warning when it leads outside PubMed.
    private mutating func links(_ database: XMLTree.Element, from source: PMID, in name: String) -> (LinkKind, [Link])? {
        let dbTo = database.child("DbTo")?.text ?? ""
        let linkName = database.child("LinkName")?.text ?? ""
        let entries = database.children("Link")
        for error in database.children("ERROR") {
            recordWarnings.append(warning("eLink error in \(name) \(linkName): \(error.text)"))
        }
        guard dbTo.lowercased() == "pubmed", !linkName.isEmpty else {
            let list = linkName.isEmpty ? "a list without LinkName" : linkName
            recordWarnings.append(warning("\(name) \(list): \(entries.count) links to \(dbTo.isEmpty ? "an unnamed database" : dbTo) skipped"))
            return nil
        }
        let kind = ELinkLinkSet.kind(linkName)
        let ranked = kind != .citedBy && kind != .cites
        var links: [Link] = []
        var unreadable = 0
        for entry in entries {
            guard let target = entry.child("Id").flatMap({ PMID($0.text) }) else {
                unreadable += 1
                continue
            }
            if target == source { continue }
            let score = entry.child("Score").flatMap { Double($0.text) }
            links.append(Link(kind: kind, target: WorkMention(ids: Identifiers(pmid: target)),
                              rank: ranked ? links.count + 1 : nil, score: score))
        }
        if unreadable > 0 {
            recordWarnings.append(warning("\(name) \(linkName): \(unreadable) links without a PMID skipped"))
        }
        return (kind, links)
    }

    /// eLink's PubMed-to-PubMed link names: the three litkb knows by meaning, the rest by name.
    static func kind(_ linkName: String) -> LinkKind {
        switch linkName {
        case "pubmed_pubmed": .similar
        case "pubmed_pubmed_citedin": .citedBy
        case "pubmed_pubmed_refs": .cites
        default: LinkKind(rawValue: linkName)
        }
    }

    private func warning(_ message: String) -> ParseWarning {
        ParseWarning(location: location, message: message)
    }
}
