import Foundation
import XCTest

/// `kill -9` at random points of a real ingest, twice in a row, then the ingest run again to its
/// end: every time, the knowledge base must hold exactly what one uninterrupted ingest writes,
/// table by table, and no run may call a file it did not finish unchanged. Needs the real files
/// and a release build (CI runs it with the Conformance suites):
/// `swift test -c release -Xswiftc -enable-testing --filter KillConformance`.
/// `LITKB_KILL_TRIALS` sets the trials per file (default 6), `LITKB_KILL_SEED` the random points.
final class KillConformanceTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        #if DEBUG
        throw XCTSkip("run in release: swift test -c release -Xswiftc -enable-testing --filter KillConformance")
        #endif
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The 2021 update file: deletions, merges, versions and 100k references.
    func testKilledUpdateFileIngestsResumeToTheSameTables() throws {
        try killTrials(file: "pubmed-xml/pubmed21n1298.xml.gz")
    }

    /// The 2020 baseline file: 30,000 records.
    func testKilledBaselineFileIngestsResumeToTheSameTables() throws {
        try killTrials(file: "pubmed-xml/pubmed20n0014.xml.gz")
    }

    private func killTrials(file: String) throws {
        let input = LitKBBinary.sharedCorpus.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: input) else {
            throw XCTSkip("\(input) is absent: the kill trials need the real files of ../shared/corpus")
        }
        let trials = Int(ProcessInfo.processInfo.environment["LITKB_KILL_TRIALS"] ?? "") ?? 6
        let seed = UInt64(ProcessInfo.processInfo.environment["LITKB_KILL_SEED"] ?? "") ?? UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SplitMix64(seed: seed)
        print("kill trials on \(file): seed \(seed) (LITKB_KILL_SEED repeats them)")

        let clean = directory.appendingPathComponent("clean.sqlite").path
        let started = Date()
        let cleanRun = try run(["ingest", "--db", clean, input])
        let duration = Date().timeIntervalSince(started)
        XCTAssertEqual(cleanRun.status, 0, cleanRun.output)
        let expected = try TableDump(path: clean)

        for trial in 1...trials {
            let database = directory.appendingPathComponent("trial-\(trial).sqlite").path
            var kills: [String] = []
            for _ in 0..<2 {
                let delay = duration * (0.05 + 0.9 * random.nextUnit())
                try killed(["ingest", "--db", database, input], after: delay)
                kills.append(String(format: "%.2f s", delay))
            }
            let context = "trial \(trial) (killed at \(kills.joined(separator: " and ")), seed \(seed))"
            // What the kills left decides what the next run must say: a file not finished is
            // resumed (or read from its start when nothing was committed), never called unchanged.
            let before = try stats(database)
            let finished = before.sources == 1 && before.incomplete.isEmpty
            let final = try run(["ingest", "--db", database, input])
            XCTAssertEqual(final.status, 0, "\(context): \(final.output)")
            if finished {
                XCTAssertTrue(final.output.contains("unchanged since"), "\(context): \(final.output.prefix(300))")
            } else {
                XCTAssertFalse(final.output.contains("unchanged since"), "\(context): an unfinished file called unchanged")
                if let stored = before.incomplete.first, stored > 0 {
                    XCTAssertTrue(final.output.contains("resuming: \(grouped(stored)) of ≥ \(grouped(stored)) records were stored before an interruption"),
                                  "\(context): \(final.output.prefix(300))")
                }
            }
            XCTAssertEqual(try stats(database).incomplete, [], context)
            let differences = try TableDump(path: database).differences(from: expected)
            XCTAssertEqual(differences, [], context)
            print("\(context): \(finished ? "finished before the second kill" : "resumed"); tables equal: \(differences.isEmpty)")
        }
    }

    /// `6,998`, as litkb prints counts.
    private func grouped(_ number: Int) -> String {
        var digits = String(number), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    struct Result {
        var status: Int32
        var output: String
    }

    private func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = LitKBBinary.url
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    private func killed(_ arguments: [String], after delay: TimeInterval) throws {
        let process = Process()
        process.executableURL = LitKBBinary.url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sources and the records each incomplete one holds, from `stats --json`.
    private func stats(_ database: String) throws -> (sources: Int, incomplete: [Int]) {
        let result = try run(["stats", "--json", "--db", database])
        guard result.status == 0 else { return (0, []) }  // killed before the database was made
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], result.output)
        let incomplete = (object["incompleteSources"] as? [[String: Any]] ?? []).map { $0["records"] as? Int ?? -1 }
        return (object["sources"] as? Int ?? 0, incomplete)
    }
}

/// Random points that a seed repeats.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// In [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
