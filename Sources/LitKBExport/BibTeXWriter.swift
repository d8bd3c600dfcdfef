import LitKBModel

/// Writes works as BibTeX entries that classic `bibtex` and `pdflatex` accept, with citation
/// keys unique across everything one writer has written.
///
/// ```swift
/// var writer = BibTeXWriter()
/// print(writer.entry(for: detail))
/// // @article{zeifman2024preliminary,
/// //   author = {Zeifman, Richard J. and ...},
/// //   title = {Preliminary evidence for the importance of therapeutic alliance in {MDMA}-assisted ...},
/// //   ...
/// // }
/// ```
///
/// Fields without a value are left out. `month` is a macro (`month = jan`); `doi` is written
/// verbatim, as biblatex and hyperref's `\url` expect; every other value is LaTeX-escaped.
public struct BibTeXWriter: Sendable {
    private var keys = CitationKeys()
    public let keyFormat: BibTeXKey

    public init(keyFormat: BibTeXKey = .betterBibTeX) {
        self.keyFormat = keyFormat
    }

    /// One entry, ending with a newline; separate entries with a blank line.
    public mutating func entry(for work: WorkDetail) -> String {
        entry(Self.prepare(work, keyFormat: keyFormat))
    }

    /// An entry but for its key's suffix: everything that depends on the work alone, so that
    /// entries can be prepared on several threads and given their keys in order.
    public struct PreparedEntry: Sendable {
        fileprivate let type: String
        fileprivate let baseKey: String
        fileprivate let body: String
    }

    public static func prepare(_ work: WorkDetail, keyFormat: BibTeXKey = .betterBibTeX) -> PreparedEntry {
        let body = BibTeXFields.fields(for: work).map { field in
            "  \(field.name) = " + (field.isMacro ? field.value : "{\(field.value)}")
        }
        let type = switch WorkType(work) {
        case .article: "article"
        case .book: "book"
        case .chapter: "incollection"
        case .other: "misc"
        }
        return PreparedEntry(type: type, baseKey: keyFormat.base(for: work.record),
                             body: body.joined(separator: ",\n") + (body.isEmpty ? "}\n" : "\n}\n"))
    }

    /// The prepared entry with a key unique among this writer's entries.
    public mutating func entry(_ prepared: PreparedEntry) -> String {
        "@\(prepared.type){\(keys.unique(prepared.baseKey)),\n" + prepared.body
    }
}

/// Keys unique across one export: the second work with a base key gets `a`, the third `b`, in
/// export order, as Better BibTeX's default postfix does.
public struct CitationKeys: Sendable {
    private var usedKeys: Set<String> = []
    private var usesOfBase: [String: Int] = [:]

    public init() {}

    /// The key for `work`'s citation in `format`, unique among the keys this value gave.
    public mutating func key(for work: WorkDetail, format: BibTeXKey) -> String {
        unique(format.base(for: work.record))
    }

    /// Keys differing only in case clash, as they do in Better BibTeX (and in a
    /// case-insensitive file system holding one file per key).
    mutating func unique(_ base: String) -> String {
        let folded = base.lowercased()
        var uses = usesOfBase[folded, default: 0]
        var key = base + BibTeXKey.suffix(afterUses: uses)
        // `smith2020` + `a` can meet a key whose own base was `smith2020a`.
        while usedKeys.contains(key.lowercased()) {
            uses += 1
            key = base + BibTeXKey.suffix(afterUses: uses)
        }
        usesOfBase[folded] = uses + 1
        usedKeys.insert(key.lowercased())
        return key
    }
}
