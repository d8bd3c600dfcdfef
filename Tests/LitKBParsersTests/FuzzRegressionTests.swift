import Foundation
import LitKBModel
import LitKBParsers
import XCTest

/// What the fuzzer found stays fixed, and every parser survives a fixed set of mutations of
/// its fixtures (a smoke run of `scripts/fuzz.sh` in the test suite, deterministic): bit flips,
/// cut, doubled and spliced bytes, truncation. A trap ends the test process, so reaching the
/// end is the assertion; the seeds themselves must read.
final class FuzzRegressionTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let seeds: [(SourceFormat, [String])] = [
        (.pubmedXML, ["pubmed-xml/fields.xml", "pubmed-xml/book.xml", "pubmed-xml/broken-middle.xml", "pubmed-xml/medline-set.xml"]),
        (.medline, ["medline/fields-crlf.nbib", "medline/broken-records.nbib", "medline/dates-and-short-authors.nbib"]),
        (.elink, ["elink/variants.xml"]),
        (.jats, ["jats/variants.nxml"]),
        (.pageText, ["../../../corpus/page-text/38174611.txt", "../../../corpus/page-text/41000105.txt"]),
    ]

    /// Every input kept in `Fixtures/fuzz/FORMAT/` (a crash, hang or leak libFuzzer found, fixed).
    func testEveryKeptFuzzInputReads() throws {
        var replayed = 0
        for format in SourceFormat.allCases {
            let directory = Self.fixtures.appendingPathComponent("fuzz/\(format.rawValue)")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() {
                ParserExercise.run(try Data(contentsOf: directory.appendingPathComponent(name)), as: format)
                replayed += 1
            }
        }
        print("replayed \(replayed) kept fuzz inputs")
    }

    func testSeedsReadAndMutationsOfThemDoNotTrap() throws {
        var random = SeededRandom(seed: 20261206)
        for (format, names) in Self.seeds {
            for name in names {
                let seed = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
                XCTAssertGreaterThan(ParserExercise.run(seed, as: format), 1, "\(name) reads as \(format.rawValue)")
                for _ in 0..<100 {
                    ParserExercise.run(Self.mutate(seed, with: &random), as: format)
                }
            }
        }
    }

    /// Bytes that mean something to one parser or another.
    static let tokens = ["<", "</", ">", "&", "\n", "\r\n", "PMID- ", "      ", "\u{0}", "\u{FEFF}", "&e;",
                         "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "<LinkSet>", "<article>", "Similar articles\n"]

    static func mutate(_ data: Data, with random: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        guard !bytes.isEmpty else { return data }
        for _ in 0..<(1 + random.below(4)) {
            let at = random.below(bytes.count)
            switch random.below(6) {
            case 0: bytes[at] ^= UInt8(1 << random.below(8))
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(64)))
            case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + random.below(256))], at: random.below(bytes.count))
            case 3: bytes.removeSubrange(at...)
            case 4: bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: at)
            default: bytes[at] = UInt8(random.below(256))
            }
            if bytes.isEmpty { break }
        }
        return Data(bytes)
    }
}

/// SplitMix64: the same mutations on every run.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}
