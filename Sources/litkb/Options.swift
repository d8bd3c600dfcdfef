import ArgumentParser
import Foundation
import LitKBExport
import LitKBModel
import LitKBStore

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base file (default: $LITKB_DB, else ./litkb.sqlite).", valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of text for people.")
    var json = false

    var databasePath: String {
        if let db { return db }
        if let environment = ProcessInfo.processInfo.environment["LITKB_DB"], !environment.isEmpty { return environment }
        return "litkb.sqlite"
    }

    /// Opens the knowledge base: read-only for commands that only read (which refuse a missing
    /// or empty file), for writing when ingesting (which may create one). A file that is not
    /// litkb's is refused either way, before anything is written to it.
    func open(for access: KnowledgeBase.Access = .read) throws -> KnowledgeBase {
        let path = databasePath
        if access != .write, !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no knowledge base at \(path): run `litkb ingest` first, or name one with --db or $LITKB_DB")
        }
        do {
            return try KnowledgeBase(path: path, access: access)
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// A failure to report as `Error: message` with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension WorkIdentifier: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

extension BibTeXKey: ExpressibleByArgument {}
