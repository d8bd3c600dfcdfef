import ArgumentParser
import LitKBStore

struct RetractedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retracted",
        abstract: "List every work known to be retracted, the evidence, and the works that cite it or list it as similar."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let works = try options.open().retractedWorks()
        print(options.json ? JSONOutput.retracted(works) : RetractionText.render(works))
    }
}
