import LitKBModel

/// Works as JSON, in the field names and order documented in `JSONContract.md`: what
/// `litkb show --json` prints and `litkb export --format json|jsonl` writes.
///
/// ```swift
/// print(try WorkJSON.encode(detail, pretty: true))
/// // {
/// //   "pmid": 38174611,
/// //   "pmcid": "PMC10769553",
/// //   ...
/// ```
///
/// Absent values are left out (never empty strings); array fields are always present.
public enum WorkJSON {
    /// One work as a JSON object: pretty is multi-line with two-space indentation, else one line.
    public static func encode(_ work: WorkDetail, pretty: Bool) throws -> String {
        WorkJSON.object(for: work).rendered(pretty: pretty)
    }

    /// Several works as one JSON array, for `export --format json`.
    public static func encodeArray(_ works: [WorkDetail], pretty: Bool) throws -> String {
        JSONValue.array(works.map(WorkJSON.object(for:))).rendered(pretty: pretty)
    }

    /// List entries (similar, cited-by, references, search hits) as a JSON array of entry objects,
    /// the same objects a work's `similar`, `citedBy` and `references` arrays hold.
    public static func encodeSummaries(_ summaries: [WorkSummary], pretty: Bool) -> String {
        JSONValue.array(summaries.map(WorkJSON.entry(for:))).rendered(pretty: pretty)
    }

    /// One list entry as a JSON object.
    public static func encodeSummary(_ summary: WorkSummary, pretty: Bool) -> String {
        WorkJSON.entry(for: summary).rendered(pretty: pretty)
    }
}
