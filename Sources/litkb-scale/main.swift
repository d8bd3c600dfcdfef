// litkb-scale: times the read commands on one knowledge base, in process (the store's calls,
// without process start-up) and as whole `litkb` commands beside `litkb --version`, the start-up
// floor. scripts/scale-bench.sh runs it on the real files at 50k records and on twenty
// replicated copies of them (1M records); BENCHMARKS.md holds the figures.
//
//     .build/release/litkb-scale --db KB.sqlite [--litkb .build/release/litkb] [--runs 5]
//                                [--sample 200] [--export-limit N] [--only READ]
//
// The works timed are the same at every size: records of copy 0 (PMIDs below 100,000,000, as
// scripts/replicate-pubmed.py shifts the others), evenly spaced by PMID.
import Foundation
import GRDB
import LitKBExport
import LitKBModel
import LitKBStore

/// The fixed query set: common and rare words, phrases, prefixes, OR, exclusions, fields.
let queries = [
    // common
    "patients", "cancer", "treatment", "study", "cells", "risk", "children", "women", "disease", "health",
    // rare
    "mdma", "psilocybin", "zebrafish", "thalidomide", "hantavirus", "ayahuasca", "leptospirosis", "kawasaki", "narcolepsy", "chagas",
    // phrases
    "\"risk factors\"", "\"randomized controlled trial\"", "\"quality of life\"", "\"public health\"", "\"machine learning\"",
    // prefixes
    "cardio*", "immun*", "vaccin*", "neuro*", "diabet*",
    // OR, exclusions
    "asthma OR wheeze", "covid OR sars", "cancer -breast", "patients -children", "obesity diabetes -mice",
    // fields
    "title:covid", "mesh:humans", "abstract:mortality", "keywords:obesity", "title:\"case report\"",
]

struct Options {
    var database = ""
    var litkb: String?
    var runs = 5
    var sample = 200
    var exportLimit = Int.max
    /// Only the reads whose names start with this (`show`, `search`, `export`).
    var only: String?
    /// With `--only pubmed`: the searches whose text holds this, alone.
    var matching: String?

    init(_ arguments: [String]) {
        var index = 1
        func value() -> String {
            index += 1
            guard index < arguments.count else { fail("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--db": database = value()
            case "--litkb": litkb = value()
            case "--runs": runs = Int(value()) ?? runs
            case "--sample": sample = Int(value()) ?? sample
            case "--export-limit": exportLimit = Int(value()) ?? exportLimit
            case "--only": only = value()
            case "--matching": matching = value()
            default: fail("unknown argument \(arguments[index])")
            }
            index += 1
        }
        if database.isEmpty { fail("usage: litkb-scale --db KB.sqlite [--litkb PATH] [--runs N] [--sample N] [--export-limit N] [--only READ]") }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("litkb-scale: \(message)\n".utf8))
    exit(2)
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
}

func milliseconds(_ value: Double) -> String { String(format: "%.2f", value * 1000) }

/// The median over runs of each item's time, then the median and 95th percentile over items.
func timeEach<T>(_ items: [T], runs: Int, _ body: (T) throws -> Void) rethrows -> (median: Double, p95: Double, max: Double) {
    var perItem: [Double] = []
    for item in items {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try seconds { try body(item) }) }
        perItem.append(percentile(times, 0.5))
    }
    return (percentile(perItem, 0.5), percentile(perItem, 0.95), perItem.max() ?? .nan)
}

/// A whole `litkb` command, output discarded; wall seconds.
func command(_ litkb: String, _ arguments: [String], database: String) -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: litkb)
    process.arguments = arguments.first == "--version" ? arguments : arguments + ["--db", database]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = now()
    do { try process.run() } catch { fail("cannot run \(litkb): \(error)") }
    process.waitUntilExit()
    return now() - start
}

let options = Options(CommandLine.arguments)
let kb: KnowledgeBase
do { kb = try KnowledgeBase(path: options.database) } catch { fail("\(error)") }

let stats = try kb.stats()
print("# \(options.database): \(stats.records.grouped) records, \(stats.works.grouped) works, "
      + "\(stats.linksByKind.values.reduce(0, +).grouped) links; medians of \(options.runs) runs\n")

// Chosen with plain SQL beside the store, untimed.
var readOnly = Configuration()
readOnly.readonly = true
let (copyZero, mostCitedPMIDs, citingPMIDs) = try DatabaseQueue(path: options.database, configuration: readOnly).read { db in
    (try Int.fetchAll(db, sql: "SELECT pmid FROM work WHERE source_rank > 10 AND pmid < 100000000 ORDER BY pmid"),
     try Int.fetchAll(db, sql: """
        SELECT w.pmid FROM work w JOIN link l ON l.to_work = w.id AND l.kind = 'cites'
        WHERE w.pmid < 100000000 GROUP BY w.id ORDER BY count(DISTINCT l.from_work) DESC, w.pmid LIMIT 20
        """),
     // Records of copy 0 with a reference list: where chasing and paths have somewhere to go.
     try Int.fetchAll(db, sql: """
        SELECT pmid FROM work w WHERE source_rank > 10 AND pmid < 100000000
        AND EXISTS (SELECT 1 FROM link WHERE from_work = w.id AND kind = 'cites') ORDER BY pmid
        """))
}
let sample: [WorkIdentifier] = stride(from: 0, to: copyZero.count, by: max(1, copyZero.count / options.sample)).prefix(options.sample)
    .map { .pmid(PMID(copyZero[$0])!) }
// The works copy 0 cites most: cited-by lists of real length.
let mostCited = mostCitedPMIDs.map { WorkIdentifier.pmid(PMID($0)!) }

print("## In process (ms per call: median, p95, max over the works or queries)\n")
print("| read | items | median | p95 | max |")
print("|---|---|---|---|---|")
func wanted(_ name: String) -> Bool { options.only.map { name.hasPrefix($0) } ?? true }
func row(_ name: String, _ count: Int, _ timing: @autoclosure () throws -> (median: Double, p95: Double, max: Double)) rethrows {
    guard wanted(name) else { return }
    let timing = try timing()
    print("| \(name) | \(count) | \(milliseconds(timing.median)) | \(milliseconds(timing.p95)) | \(milliseconds(timing.max)) |")
}
try row("show", sample.count, try timeEach(sample, runs: options.runs) { _ = try kb.detail(for: $0) })
try row("refs", sample.count, try timeEach(sample, runs: options.runs) { _ = try kb.list(.references, of: $0) })
try row("cited-by", sample.count, try timeEach(sample, runs: options.runs) { _ = try kb.list(.citedBy, of: $0) })
try row("cited-by (20 most cited)", mostCited.count, try timeEach(mostCited, runs: options.runs) { _ = try kb.list(.citedBy, of: $0) })
try row("similar", sample.count, try timeEach(sample, runs: options.runs) { _ = try kb.list(.similar, of: $0) })
try row("stats", 1, try timeEach([()], runs: options.runs) { _ = try kb.stats() })
if wanted("retracted") {
    var retractedCount = 0
    let retracted = try timeEach([()], runs: options.runs) { retractedCount = try kb.retractedWorks().count }
    try row("retracted (\(retractedCount) works)", 1, retracted)
    try row("retracted, per work listed", retractedCount, (retracted.median / Double(max(1, retractedCount)), .nan, .nan))
}
let compiled = try queries.map { try SearchQuery(parsing: $0) }
try row("search, first page of 20", compiled.count, try timeEach(compiled, runs: options.runs) { query in _ = try kb.search(query) })
if options.only == "search" {
    // Each query's own median, and its number of matches: the cost of ranking follows it.
    print("\n| query | matches | median ms |")
    print("|---|---|---|")
    for (text, query) in zip(queries, compiled) {
        let time = try timeEach([query], runs: options.runs) { _ = try kb.search($0) }
        print("| `\(text)` | \(try kb.searchCount(query).grouped) | \(milliseconds(time.median)) |")
    }
}

// PubMed's syntax (issue 13): 40 searches as librarians write them, fielded, Boolean, ranged and
// sorted; each one's first page and its count.
let pubmedQueries: [(text: String, order: SearchOrder)] = [
    ("asthma[mh]", .relevance), ("humans[mh]", .relevance), ("\"covid-19\"[mh]", .relevance), ("female[mh] AND aged[mh]", .relevance),
    ("neoplasms/therapy[mh]", .relevance), ("therapy[sh]", .relevance), ("\"drug therapy\"[sh]", .relevance), ("\"covid-19\"[majr]", .relevance),
    ("wang y[au]", .relevance), ("smith j[au]", .relevance), ("zhang[1au]", .relevance), ("lancet[ta]", .relevance),
    ("\"n engl j med\"[ta]", .relevance), ("\"plos one\"[ta]", .journal), ("review[pt]", .relevance),
    ("\"randomized controlled trial\"[pt]", .pubdate), ("\"case reports\"[pt] AND 2021[dp]", .relevance), ("ger[la]", .relevance),
    ("spa[la] OR fre[la]", .firstAuthor), ("2020[dp]", .relevance), ("2015:2020[dp]", .relevance), ("2021/03:2021/06[dp]", .relevance),
    ("1979[dp] AND english[la]", .relevance), ("covid[ti]", .relevance), ("covid*[tiab] AND 2021[dp]", .pubdate),
    ("\"machine learning\"[tiab]", .relevance), ("\"hip pain\"[tiab:~2]", .relevance), ("obesity[ot]", .relevance),
    ("(asthma[mh] OR wheez*[tiab]) AND child*[tiab] AND 2015:2021[dp] NOT review[pt]", .relevance),
    ("(cancer OR neoplasms[mh]) AND review[pt] NOT animals[mh]", .relevance), ("patients NOT humans[mh]", .relevance),
    ("retracted[sb]", .relevance), ("covid AND hasabstract", .relevance),
    ("(diabetes[tiab] OR obesity[tiab]) AND humans[mh] AND 2021[dp]", .relevance), ("covid[ti] AND china[ad]", .relevance),
    ("mdma OR psilocybin", .cited), ("34094825[pmid] OR 33074435[pmid]", .relevance), ("\"breast cancer\"[tiab] AND female[mh]", .relevance),
    ("sars-cov-2[tiab] NOT covid-19[mh]", .relevance), ("\"quality of life\"[tiab] AND (review[pt] OR \"meta-analysis\"[pt])", .relevance),
]
if wanted("pubmed") {
    let pubmedQueries = pubmedQueries.filter { options.matching.map($0.text.contains) ?? true }
    let searches = try pubmedQueries.map { (query: try SearchQuery(parsing: $0.text), order: $0.order) }
    try row("pubmed syntax, first page of 20 (40 queries)", searches.count, try timeEach(searches, runs: options.runs) { _ = try kb.search($0.query, order: $0.order) })
    try row("pubmed syntax, --count (40 queries)", searches.count, try timeEach(searches, runs: options.runs) { _ = try kb.searchCount($0.query) })
    if options.only == "pubmed" {
        print("\n| query | sort | matches | first page ms | count ms |")
        print("|---|---|---|---|---|")
        for (text, search) in zip(pubmedQueries.map(\.text), searches) {
            let page = try timeEach([search], runs: options.runs) { _ = try kb.search($0.query, order: $0.order) }
            let count = try timeEach([search], runs: options.runs) { _ = try kb.searchCount($0.query) }
            print("| `\(text)` | \(search.order.rawValue) | \(try kb.searchCount(search.query).grouped) | \(milliseconds(page.median)) | \(milliseconds(count.median)) |")
        }
    }
}

// Citation chasing, co-citation and paths (issue 15), over every source of citations: the 10
// seeds, and the 20 pairs of ends of the paths, are records of copy 0 with references, evenly
// spaced by PMID.
let citing = stride(from: 0, to: citingPMIDs.count, by: max(1, citingPMIDs.count / 40)).prefix(40).map { WorkIdentifier.pmid(PMID(citingPMIDs[$0])!) }
let seeds = stride(from: 0, to: citing.count, by: max(1, citing.count / 10)).prefix(10).map { citing[$0] }
for depth in [1, 2] {
    var found = 0
    let timing = try timeEach([()], runs: options.runs) { found = try kb.chase(seeds, directions: [.backward, .forward], depth: depth).found.count }
    try row("chase, 10 seeds, both ways, depth \(depth) (\(found.grouped) works)", 1, timing)
}
try row("related", sample.count, try timeEach(sample, runs: options.runs) { _ = try kb.related($0) })
try row("related (40 citing works)", citing.count, try timeEach(citing, runs: options.runs) { _ = try kb.related($0) })
try row("related (20 most cited)", mostCited.count, try timeEach(mostCited, runs: options.runs) { _ = try kb.related($0) })
// Ends joined by a chain: from each citing work, a walk of four steps (its first reference, that
// work's last other citer, its last reference, that work's first other citer); and ends that
// are not joined at all (the search then runs out its six steps on both sides).
func walk(from start: WorkIdentifier) throws -> WorkIdentifier? {
    var here = start, seen: Set<Int> = [start.pmidValue ?? 0]
    for step in 0..<4 {
        let list = try kb.list(step % 2 == 0 ? .references : .citedBy, of: here).entries.filter { $0.pmid != nil && !seen.contains($0.pmid!.value) }
        guard let next = (step % 4 == 1 || step % 4 == 2 ? list.last : list.first)?.pmid else { return nil }
        seen.insert(next.value)
        here = .pmid(next)
    }
    return here
}
var joined: [(WorkIdentifier, WorkIdentifier)] = []
if wanted("path") {
    for start in citing where joined.count < 20 {
        if let end = try walk(from: start) { joined.append((start, end)) }
    }
}
let ends = joined + (0..<min(20, citing.count / 2)).map { (citing[$0], citing[$0 + citing.count / 2]) }
if wanted("path") {
    let found = try ends.filter { try kb.citationPath(from: $0.0, to: $0.1) != nil }.count
    try row("path, 6 steps at most (\(found) of \(ends.count) joined)", ends.count, try timeEach(ends, runs: options.runs) { _ = try kb.citationPath(from: $0.0, to: $0.1) })
}

if wanted("export") {
print("\n## Export, in process (every work through the JSON Lines writer, output discarded)\n")
print("| export | works | seconds | works/s |")
print("|---|---|---|---|")
for includingStubs in [false, true] {
    var written = 0
    var bytes = 0
    let writer = JSONLinesWriter { bytes += $0.utf8.count }
    struct Enough: Error {}
    let elapsed = try seconds {
        do {
            try kb.forEachWork(includingStubs: includingStubs) { detail in
                try writer.write(detail)
                written += 1
                if written >= options.exportLimit { throw Enough() }
            }
        } catch is Enough {}
    }
    print("| --all\(includingStubs ? " --include-stubs" : "") | \(written.grouped) | \(String(format: "%.1f", elapsed)) | \(Int(Double(written) / elapsed).grouped) |")
}
}

if let litkb = options.litkb, wanted("commands") {
    print("\n## Whole commands (ms wall, median of \(options.runs) runs; output discarded)\n")
    print("| command | median |")
    print("|---|---|")
    let pmid = sample.first.map { "\($0)" } ?? "1"
    let cited = mostCited.first.map { "\($0)" } ?? pmid
    let commands: [[String]] = [
        ["--version"], ["show", pmid], ["refs", pmid], ["cited-by", cited], ["similar", pmid], ["stats"], ["retracted"],
        ["search", "patients"], ["search", "mdma"], ["search", "\"risk factors\""], ["search", "cardio*"],
    ]
    for arguments in commands {
        let times = (0..<options.runs).map { _ in command(litkb, arguments, database: options.database) }
        print("| `litkb \(arguments.joined(separator: " "))` | \(milliseconds(percentile(times, 0.5))) |")
    }
}

extension WorkIdentifier {
    var pmidValue: Int? { if case .pmid(let pmid) = self { pmid.value } else { nil } }
}

extension Int {
    var grouped: String {
        let digits = String(self)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }
}
