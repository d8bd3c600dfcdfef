import Foundation
import GRDB
import GRDBSQLite

/// Names, headings and journals compared as PubMed compares them: case and diacritics ignored,
/// punctuation as spaces. `litkb_fold` is the same folding as an SQL function, on every
/// connection the store opens.
enum SearchFolding {
    static func fold(_ text: String) -> String {
        // Most names, headings and journals are ASCII: folded as bytes, without Foundation.
        if let ascii = foldASCII(text) { return ascii }
        return foldLatin(text) ?? foldUnicode(text)
    }

    /// The folding itself: Foundation's, then letters and digits kept, runs of anything else a
    /// space. `foldLatin` and `foldASCII` give the same for the texts they take, faster.
    static func foldUnicode(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var space = false
        for character in folded {
            if character.isLetter || character.isNumber {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(character == "ß" ? "ss" : String(character))
            } else {
                space = true
            }
        }
        return out
    }

    /// What `foldUnicode` makes of one scalar of the Latin and punctuation blocks alone: a
    /// separator, or letters and digits (UTF-8). Nil for a scalar whose folding could depend on
    /// its neighbours (a combining mark, a joiner) or mixes letters with other characters.
    private enum ScalarFold {
        case separator
        case letters([UInt8])
    }

    /// U+0080 to U+024F (Latin-1 Supplement, Latin Extended-A and -B) and U+2000 to U+206F
    /// (General Punctuation), each folded alone by `foldUnicode`, once per process.
    private static let latinRange: Range<UInt32> = 0x80..<0x250
    private static let punctuationRange: Range<UInt32> = 0x2000..<0x2070
    private static let scalarFolds: [UInt32: ScalarFold] = {
        var table: [UInt32: ScalarFold] = [:]
        for value in Array(latinRange) + Array(punctuationRange) {
            guard let scalar = Unicode.Scalar(value), !isNonStarter(scalar) else { continue }
            let folded = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            guard let first = folded.unicodeScalars.first, !isNonStarter(first) else { continue }
            let kept = folded.map { $0.isLetter || $0.isNumber }
            if kept.allSatisfy({ $0 }) {
                table[value] = .letters(Array(foldUnicode(String(scalar)).utf8))
            } else if !kept.contains(true) {
                table[value] = .separator
            }
        }
        return table
    }()

    /// A scalar that can join the character before it (a mark, a joiner): its folding depends on
    /// that character.
    private static func isNonStarter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isGraphemeExtend || properties.canonicalCombiningClass.rawValue != 0
            || scalar.value == 0x200D || scalar.value == 0x200C
        }
    }

    /// Folds text of ASCII and the Latin and punctuation scalars `scalarFolds` holds, a scalar at
    /// a time (Foundation's folding and Character's properties were 14 % of a bulk ingest's CPU
    /// once affiliations were folded); nil for text with any other scalar.
    static func foldLatin(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var space = false
        func append(_ bytes: some Sequence<UInt8>) {
            if space, !out.isEmpty { out.append(UInt8(ascii: " ")) }
            space = false
            out.append(contentsOf: bytes)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch UInt8(value) {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): append(CollectionOfOne(UInt8(value)))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(CollectionOfOne(UInt8(value) + 32))
                default: space = true
                }
                continue
            }
            guard latinRange.contains(value) || punctuationRange.contains(value), let fold = scalarFolds[value] else { return nil }
            switch fold {
            case .separator: space = true
            case .letters(let bytes): append(bytes)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func foldASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { buffer in
                foldASCII(bytes, into: buffer).map { String(decoding: UnsafeBufferPointer(rebasing: buffer[..<$0]), as: UTF8.self) }
            }
        }
    }

    /// Folds ASCII text into `buffer` (at least as long as the text) and returns its length;
    /// nil when the text is not all ASCII.
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var length = 0
        var space = false
        for byte in bytes {
            var folded = byte
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte + 32
            case 0x80...: return nil
            default:
                space = true
                continue
            }
            if space, length > 0 {
                buffer[length] = UInt8(ascii: " ")
                length += 1
            }
            space = false
            buffer[length] = folded
            length += 1
        }
        return length
    }

    /// Registers `litkb_fold(text)` on a connection, through SQLite's C API: the indexes call it
    /// for every author, heading and journal an ingest writes, and GRDB's function wrapper
    /// (values boxed into an array, a String made of each) cost more than the folding.
    static func register(on db: Database) {
        guard let connection = db.sqliteConnection else { return }
        sqlite3_create_function_v2(connection, "litkb_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, { context, _, values in
            guard let value = values?[0], sqlite3_value_type(value) != SQLITE_NULL, let text = sqlite3_value_text(value) else {
                sqlite3_result_null(context)
                return
            }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value)))
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { buffer -> Bool in
                guard let length = SearchFolding.foldASCII(bytes, into: buffer) else { return false }
                buffer.withMemoryRebound(to: CChar.self) { sqlite3_result_text(context, $0.baseAddress, Int32(length), transient) }
                return true
            }
            if done { return }
            var folded = SearchFolding.fold(String(decoding: bytes, as: UTF8.self))
            folded.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { sqlite3_result_text(context, $0.baseAddress, Int32(utf8.count), transient) }
            }
        }, nil, nil, nil)
    }

    /// A LIKE pattern for text starting with `prefix` (LIKE's own wildcards in it taken literally
    /// is not needed: folding turned them into spaces).
    static func likePrefix(_ prefix: String) -> String { prefix + "%" }

    /// A LIKE pattern for `words` as whole words inside text padded with a space each side.
    static func likeWords(_ words: String, prefix: Bool) -> String { "% " + words + (prefix ? "%" : " %") }

    /// PubMed's language names to the ISO 639-2 codes records carry.
    static let languageCodes: [String: String] = [
        "english": "eng", "german": "ger", "spanish": "spa", "french": "fre", "italian": "ita", "portuguese": "por",
        "russian": "rus", "chinese": "chi", "japanese": "jpn", "dutch": "dut", "polish": "pol", "korean": "kor",
        "turkish": "tur", "swedish": "swe", "danish": "dan", "norwegian": "nor", "czech": "cze", "hungarian": "hun",
        "greek": "gre", "arabic": "ara", "hebrew": "heb", "persian": "per", "finnish": "fin", "croatian": "hrv",
        "serbian": "srp", "romanian": "rum", "ukrainian": "ukr", "slovak": "slo", "slovenian": "slv", "bulgarian": "bul",
        "lithuanian": "lit", "afrikaans": "afr", "catalan": "cat", "icelandic": "ice", "latin": "lat", "thai": "tha",
        "vietnamese": "vie", "indonesian": "ind", "malay": "may", "estonian": "est", "latvian": "lav",
    ]
}
