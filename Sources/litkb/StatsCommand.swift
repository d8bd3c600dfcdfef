import ArgumentParser
import Foundation
import LitKBStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count works, stubs, abstracts by language, links by kind, retracted works and sources."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let stats = try options.open().stats()
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            return
        }
        print(StatsText.render(stats))
    }
}
