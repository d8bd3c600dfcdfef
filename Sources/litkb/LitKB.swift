import ArgumentParser

@main
struct LitKB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litkb",
        abstract: "A local knowledge base of PubMed records: ingest, search, navigate, cite.",
        discussion: """
            The database is --db PATH, else $LITKB_DB, else ./litkb.sqlite.
            IDs are PMIDs (38174611, pmid:38174611), PMCIDs (PMC10769553) or DOIs \
            (10.1080/..., doi:10.1080/..., https://doi.org/10.1080/...).
            """,
        version: "0.1.0",
        subcommands: [
            IngestCommand.self, ShowCommand.self, SearchCommand.self,
            SimilarCommand.self, CitedByCommand.self, RefsCommand.self,
            RetractedCommand.self, ExportCommand.self, StatsCommand.self, CheckCommand.self,
        ]
    )
}
