import Foundation
import LitKBModel

/// One row per work, the columns screening tools read (ASReview: title, abstract, authors,
/// keywords, doi; Rayyan and Covidence import the same): RFC 4180, comma-separated, fields
/// with a comma, quote or line break quoted, quotes doubled.
public enum CSVWriter {
    public static let header = "pmid,pmcid,doi,title,abstract,authors,year,journal,keywords,retracted,status"

    public static func row(for work: WorkDetail) -> String {
        let record = work.record
        let fields: [String?] = [
            record.ids.pmid.map { String($0.value) },
            record.ids.pmcid?.value,
            record.ids.doi?.value,
            record.citationTitle,
            CitationFields.mainAbstract(record.abstracts).map(CitationFields.abstractText),
            record.authors.compactMap(CitationFields.invertedName).joined(separator: "; "),
            record.citationDate?.year.map { String($0) },
            CitationFields.journal(of: record),
            record.keywords.map(\.term).joined(separator: "; "),
            work.retracted ? "true" : "false",
            work.status?.rawValue,
        ]
        return fields.map { quoted(CitationFields.text($0) ?? "") }.joined(separator: ",")
    }

    static func quoted(_ field: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard field.utf8.contains(where: special) else { return field }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
