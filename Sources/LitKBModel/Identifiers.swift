/// A PubMed identifier: a positive integer.
///
/// ```swift
/// PMID("pmid: 38174611")?.value   // 38174611
/// ```
public struct PMID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int

    public init?(_ value: Int) {
        guard value > 0 else { return nil }
        self.value = value
    }

    /// Accepts bare digits, optionally prefixed by `pmid:` / `PMID:` and surrounded by spaces.
    public init?(_ text: some StringProtocol) {
        var body = Substring(text).trimmingSpaces
        if body.lowercased().hasPrefix("pmid:") { body = body.dropFirst(5).trimmingSpaces }
        guard !body.isEmpty, body.count <= 12, body.allSatisfy(\.isASCIIDigit), let value = Int(body) else { return nil }
        self.init(value)
    }

    public var description: String { String(value) }
    public static func < (a: PMID, b: PMID) -> Bool { a.value < b.value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int.self)
        guard let pmid = PMID(value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a PMID: \(value)")
        }
        self = pmid
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A PubMed Central identifier, always `PMC` followed by digits.
public struct PMCID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    /// Accepts `PMC123`, `pmc123`, `PMCID: PMC123`; bare digits are refused, since they would be
    /// indistinguishable from a PMID.
    public init?(_ text: some StringProtocol) {
        var body = Substring(text).trimmingSpaces
        if body.lowercased().hasPrefix("pmcid:") { body = body.dropFirst(6).trimmingSpaces }
        guard body.count > 3, body.prefix(3).uppercased() == "PMC" else { return nil }
        let digits = body.dropFirst(3)
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        value = "PMC" + digits
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let pmcid = PMCID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a PMCID: \(text)")
        }
        self = pmcid
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A DOI in its normalized form: lower-cased, no `doi:` or resolver prefix, no trailing
/// sentence punctuation. DOIs are case-insensitive by definition, so lower-casing loses nothing.
///
/// ```swift
/// DOI("https://doi.org/10.1016/S2215-0366(18)30135-4.")?.value  // "10.1016/s2215-0366(18)30135-4"
/// ```
public struct DOI: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init?(_ text: some StringProtocol) {
        var body = Substring(text).trimmingSpaces
        let lowered = body.lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "doi "] {
            if lowered.hasPrefix(prefix) {
                body = body.dropFirst(prefix.count).trimmingSpaces
                break
            }
        }
        // A sentence's final punctuation is not part of the DOI; a closing parenthesis is,
        // when it closes one opened inside the DOI (10.1016/S2215-0366(18)30135-4).
        while let last = body.last {
            if ".,;:".contains(last) {
                body = body.dropLast()
            } else if last == ")" || last == "]" {
                let open: Character = last == ")" ? "(" : "["
                if body.filter({ $0 == open }).count < body.filter({ $0 == last }).count {
                    body = body.dropLast()
                } else {
                    break
                }
            } else {
                break
            }
        }
        guard body.hasPrefix("10."), let slash = body.firstIndex(of: "/"),
              body.index(after: slash) < body.endIndex,
              !body.contains(where: { $0.isWhitespace }) else { return nil }
        let registrant = body[body.index(body.startIndex, offsetBy: 3)..<slash]
        guard !registrant.isEmpty, registrant.allSatisfy({ $0.isASCIIDigit || $0 == "." }) else { return nil }
        value = body.lowercased()
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let doi = DOI(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a DOI: \(text)")
        }
        self = doi
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Any identifier a user may type to name a work: a PMID, a PMCID or a DOI, bare or prefixed
/// (`pmid:`, `pmcid:`, `doi:`, a doi.org URL).
public enum WorkIdentifier: Hashable, Sendable, CustomStringConvertible {
    case pmid(PMID)
    case pmcid(PMCID)
    case doi(DOI)

    public init?(parsing text: some StringProtocol) {
        let trimmed = Substring(text).trimmingSpaces
        if let pmid = PMID(trimmed) {
            self = .pmid(pmid)
        } else if let pmcid = PMCID(trimmed) {
            self = .pmcid(pmcid)
        } else if let doi = DOI(trimmed) {
            self = .doi(doi)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .pmid(let pmid): "PMID \(pmid)"
        case .pmcid(let pmcid): pmcid.value
        case .doi(let doi): "doi:\(doi)"
        }
    }
}

/// Every identifier one source gives for a work.
public struct Identifiers: Hashable, Sendable, Codable {
    public var pmid: PMID?
    /// PubMed's record version (`<PMID Version="2">`); 1 when the source does not say.
    public var pmidVersion: Int?
    public var pmcid: PMCID?
    public var doi: DOI?
    /// Further article ids (`pii`, `mid`, publisher ids, ...), kept as the source gave them.
    public var others: [ArticleID]

    public init(pmid: PMID? = nil, pmidVersion: Int? = nil, pmcid: PMCID? = nil, doi: DOI? = nil, others: [ArticleID] = []) {
        self.pmid = pmid
        self.pmidVersion = pmidVersion
        self.pmcid = pmcid
        self.doi = doi
        self.others = others
    }

    public var isEmpty: Bool { pmid == nil && pmcid == nil && doi == nil }

    /// The identifiers a store may match this work by, most specific first.
    public var matchable: [WorkIdentifier] {
        var result: [WorkIdentifier] = []
        if let pmid { result.append(.pmid(pmid)) }
        if let pmcid { result.append(.pmcid(pmcid)) }
        if let doi { result.append(.doi(doi)) }
        return result
    }
}

public struct ArticleID: Hashable, Sendable, Codable {
    public var type: String
    public var value: String
    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}
