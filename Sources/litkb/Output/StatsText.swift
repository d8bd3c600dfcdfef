import LitKBModel
import LitKBStore

enum StatsText {
    static func render(_ stats: KnowledgeBaseStats) -> String {
        func counts(_ values: [String: Int]) -> String {
            guard !values.isEmpty else { return "none" }
            return values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value.grouped)" }.joined(separator: ", ")
        }
        let abstracts = stats.abstractsByLanguage.values.reduce(0, +)
        let links = stats.linksByKind.values.reduce(0, +)
        return """
            works       \(stats.works.grouped) (\(stats.records.grouped) with their own record, \(stats.stubs.grouped) stubs known from lists)
            abstracts   \(abstracts.grouped): \(counts(stats.abstractsByLanguage))
            links       \(links.grouped): \(counts(stats.linksByKind))
            references  \(stats.unidentifiedReferences.grouped) given as text only (no identifier, title or date)\(pairs(stats.citationPairs))
            retracted   \(stats.retractedWorks.grouped)
            sources     \(stats.sources.grouped) files: \(counts(stats.sourcesByFormat))\(incomplete(stats.incompleteSources))
            schema      version \(stats.schemaVersion)
            """
    }

    static func pairs(_ count: Int) -> String {
        count == 0 ? "" : "\ncitations   \(count.grouped) PMID pairs from the NIH Open Citation Collection"
    }

    /// Files an interrupted ingest left partly stored, each on its own line, and what to do.
    static func incomplete(_ sources: [IncompleteSource]) -> String {
        guard !sources.isEmpty else { return "" }
        let lines = sources.map { "\n            INCOMPLETE \($0.path) (\($0.format.rawValue)): \(IngestText.plural($0.records, $0.format == .nihOCC ? "citation pair" : "record")) stored, ingest started \($0.startedAt)" }
        return ", \(sources.count.grouped) incomplete (interrupted; `litkb ingest` of the same file resumes it)" + lines.joined()
    }
}
