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
        guard let value = Self.parse(text) else { return nil }
        self.init(value)
    }

    /// The same for a `String`, what parsers hold. A generic initializer is not specialized for
    /// callers in other modules, so its byte loop went through protocol witnesses byte by byte;
    /// called from here, `parse` is specialized for `String`.
    public init?(_ text: String) {
        guard let value = Self.parse(text) else { return nil }
        self.init(value)
    }

    private static func parse(_ text: some StringProtocol) -> Int? {
        // Bare digits, as every PubMed file writes them: no Characters, no lower-cased copy.
        if let digits = IdentifierBytes.digits(text.utf8, limit: 12) { return digits }
        var body = Substring(text).trimmingSpaces
        if body.lowercased().hasPrefix("pmid:") { body = body.dropFirst(5).trimmingSpaces }
        guard !body.isEmpty, body.count <= 12, body.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(body)
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
        guard let value = Self.normalized(text) else { return nil }
        self.value = value
    }

    /// The same for a `String`, what parsers hold: specialized, where the generic initializer
    /// is not for callers in other modules (its byte loop then cost 10,000 instructions a DOI,
    /// 6 % of the parse thread on pubmed21n1298).
    public init?(_ text: String) {
        guard let value = Self.normalized(text) else { return nil }
        self.value = value
    }

    private static func normalized(_ text: some StringProtocol) -> String? {
        switch IdentifierBytes.bareDOI(text.utf8) {
        case .valid(let value):
            return value
        case .invalid:
            return nil
        case .needsFullRules:
            break
        }
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
        return body.lowercased()
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

/// The common forms of identifiers read byte by byte: parsing DOIs and PMIDs character by
/// character was a tenth of the parse thread on reference-heavy PubMed files (221,645
/// references in pubmed21n1298). Anything unusual goes to the full rules.
enum IdentifierBytes {
    /// The value of 1 to `limit` ASCII digits and nothing else.
    static func digits(_ bytes: some Collection<UInt8>, limit: Int) -> Int? {
        guard !bytes.isEmpty, bytes.count <= limit else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    enum DOIResult {
        case valid(String)
        case invalid
        /// Not a bare ASCII DOI: a prefix, surrounding spaces, trailing punctuation, non-ASCII.
        case needsFullRules
    }

    /// `10.registrant/suffix` in ASCII, without anything `DOI.init`'s full rules would strip:
    /// decided here, lower-cased here.
    static func bareDOI(_ bytes: some Collection<UInt8>) -> DOIResult {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(bytes.count)
        var slash: Int?
        for byte in bytes {
            // Non-ASCII, whitespace and control characters: the full rules decide.
            guard byte < 0x80, byte > 0x20, byte != 0x7F else { return .needsFullRules }
            if byte == UInt8(ascii: "/"), slash == nil { slash = lowered.count }
            lowered.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        guard lowered.count >= 3, lowered[0] == UInt8(ascii: "1"), lowered[1] == UInt8(ascii: "0"), lowered[2] == UInt8(ascii: ".") else {
            return .needsFullRules
        }
        guard let last = lowered.last, !".,;:)]".utf8.contains(last) else { return .needsFullRules }
        guard let slash, slash > 3, slash + 1 < lowered.count,
              lowered[3..<slash].allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") })
        else { return .invalid }
        return .valid(String(decoding: lowered, as: UTF8.self))
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
