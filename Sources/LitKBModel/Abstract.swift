/// What an abstract is: the main one, a publisher's other-language abstract, a plain-language
/// summary, or another of PubMed's `OtherAbstract` types (PIP, KIE, NASA, ...), kept by name.
public struct AbstractKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let main = AbstractKind(rawValue: "main")
    /// An abstract the publisher gave besides the main one, usually in another language.
    public static let publisher = AbstractKind(rawValue: "publisher")
    public static let plainLanguageSummary = AbstractKind(rawValue: "plain-language-summary")

    public var description: String { rawValue }

    /// Maps PubMed's `OtherAbstract/@Type` (`Publisher`, `plain-language-summary`, `PIP`, ...).
    public init(pubmedType: String) {
        switch pubmedType.lowercased() {
        case "publisher": self = .publisher
        case "plain-language-summary": self = .plainLanguageSummary
        default: self.init(rawValue: pubmedType.lowercased())
        }
    }
}

/// One labelled part of an abstract; an unstructured abstract is one section without a label.
public struct AbstractSection: Hashable, Sendable, Codable {
    public var label: String?
    /// PubMed's normalized label (`BACKGROUND`, `OBJECTIVE`, `METHODS`, `RESULTS`, `CONCLUSIONS`).
    public var nlmCategory: String?
    public var text: String

    public init(label: String? = nil, nlmCategory: String? = nil, text: String) {
        self.label = label
        self.nlmCategory = nlmCategory
        self.text = text
    }
}

public struct Abstract: Hashable, Sendable, Codable {
    /// ISO 639-2/B code as PubMed uses it: `eng`, `spa`, `ger`, `fre`, `ita`, `por`, `dut`, ...
    public var language: String?
    public var kind: AbstractKind
    public var sections: [AbstractSection]
    public var copyright: String?

    public init(language: String?, kind: AbstractKind = .main, sections: [AbstractSection], copyright: String? = nil) {
        self.language = language
        self.kind = kind
        self.sections = sections
        self.copyright = copyright
    }

    /// The sections joined into running text, labels included.
    public var plainText: String {
        sections.map { section in
            if let label = section.label { return "\(label): \(section.text)" }
            return section.text
        }.joined(separator: "\n")
    }
}
