import LitKBModel

/// Finds trial and review registry numbers in free text: `NCT00090064` (ClinicalTrials.gov),
/// `ISRCTN12345678`, `ACTRN12615000123456` (ANZCTR), `DRKS00012345`, `CRD42020123456`
/// (PROSPERO). Abstracts, "Associated data" lines and references all carry them.
///
/// ```swift
/// RegistrationScanner.registrations(in: "ClinicalTrials.gov identifier: NCT00090064.")
/// // [TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT00090064")]
/// ```
enum RegistrationScanner {
    private struct Pattern {
        let prefix: [UInt8]
        let digits: Int
        let registry: String
    }

    private static let patterns = [
        Pattern(prefix: Array("NCT".utf8), digits: 8, registry: "ClinicalTrials.gov"),
        Pattern(prefix: Array("ISRCTN".utf8), digits: 8, registry: "ISRCTN"),
        Pattern(prefix: Array("ACTRN".utf8), digits: 14, registry: "ANZCTR"),
        Pattern(prefix: Array("DRKS".utf8), digits: 8, registry: "DRKS"),
        Pattern(prefix: Array("CRD".utf8), digits: 11, registry: "PROSPERO"),
    ]

    /// Every registration in `text`, in order of appearance, without repeats.
    static func registrations(in text: some StringProtocol) -> [TrialRegistration] {
        var found: [TrialRegistration] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let atWordStart = index == 0 || !isWordByte(bytes[index - 1])
            if atWordStart, bytes[index] >= UInt8(ascii: "A"), bytes[index] <= UInt8(ascii: "Z"),
               let (registration, end) = match(bytes, at: index) {
                if !found.contains(registration) { found.append(registration) }
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The registry whose numbers look like `accession`, e.g. "ClinicalTrials.gov" for `NCT00090064`.
    static func registry(ofAccession accession: some StringProtocol) -> String? {
        let bytes = Array(accession.utf8)
        guard let (registration, end) = match(bytes, at: 0), end == bytes.count else { return nil }
        return registration.registry
    }

    /// Letters, digits and any non-ASCII byte (part of a letter) continue a word.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 128 || isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func match(_ bytes: [UInt8], at start: Int) -> (TrialRegistration, Int)? {
        for pattern in patterns {
            let prefixEnd = start + pattern.prefix.count
            guard prefixEnd <= bytes.count, bytes[start..<prefixEnd].elementsEqual(pattern.prefix) else { continue }
            var end = prefixEnd
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            guard end - prefixEnd == pattern.digits, end == bytes.count || !isWordByte(bytes[end]) else { continue }
            let accession = String(decoding: bytes[start..<end], as: UTF8.self)
            return (TrialRegistration(registry: pattern.registry, accession: accession), end)
        }
        return nil
    }
}
