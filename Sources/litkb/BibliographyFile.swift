import Foundation
import LitKBModel
import LitKBParsers

/// A bibliography named on the command line (`audit FILE`, `chase --from FILE`): read from the
/// file or, for `-`, standard input, as UTF-8 or else Latin-1, then by `BibliographyReader`.
enum BibliographyFile {
    enum Failure: Error {
        case cannotBeRead
        case notText
        case unreadable(ParseError)
    }

    /// How messages name the input.
    static func name(_ file: String) -> String { file == "-" ? "(standard input)" : file }

    static func read(_ file: String) throws(Failure) -> (format: BibliographyFormat, entries: [BibliographyEntry]) {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw .cannotBeRead }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else { throw .notText }
        do throws(ParseError) {
            return try BibliographyReader.read(text, file: name(file))
        } catch {
            throw .unreadable(error)
        }
    }
}
