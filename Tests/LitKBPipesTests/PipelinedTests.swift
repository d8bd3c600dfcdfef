import Foundation
import LitKBPipes
import XCTest

final class PipelinedTests: XCTestCase {
    private struct Failure: Error, Equatable { let at: Int }

    func testEveryElementArrivesInOrderAcrossBatches() throws {
        var received: [Int] = []
        try pipelined(batchSize: 7, capacity: 2, produce: { yield in
            for number in 0..<1000 { guard yield(number) else { return } }
        }, consume: { batch in
            XCTAssertLessThanOrEqual(batch.count, 7)
            received += batch
        })
        XCTAssertEqual(received, Array(0..<1000))
    }

    /// The consumer's error is the one reported, and the producer is told to stop instead of
    /// reading on to the end.
    func testConsumerErrorStopsTheProducer() throws {
        let produced = Counter()
        XCTAssertThrowsError(try pipelined(batchSize: 10, capacity: 2, produce: { yield in
            for number in 0..<1_000_000 {
                produced.increment()
                guard yield(number) else { return }
            }
        }, consume: { batch in if let number = batch.first(where: { $0 == 25 }) { throw Failure(at: number) } })) { error in
            XCTAssertEqual(error as? Failure, Failure(at: 25))
        }
        XCTAssertLessThan(produced.value, 1000, "at most the batches in flight are produced after the consumer stops")
    }

    func testProducerErrorArrivesAfterWhatItYielded() {
        var received: [Int] = []
        XCTAssertThrowsError(try pipelined(batchSize: 4, produce: { yield in
            for number in 0..<10 { _ = yield(number) }
            throw Failure(at: 10)
        }, consume: { received += $0 })) { error in
            XCTAssertEqual(error as? Failure, Failure(at: 10))
        }
        XCTAssertEqual(received, Array(0..<10))
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

final class ParallelMapTests: XCTestCase {
    func testResultsKeepTheItemsOrder() throws {
        XCTAssertEqual(try parallelMap(Array(0..<1001)) { $0 * 2 }, Array(0..<1001).map { $0 * 2 })
        XCTAssertEqual(try parallelMap([Int]()) { $0 }, [])
        XCTAssertEqual(try parallelMap([7]) { $0 + 1 }, [8])
    }

    func testAnErrorInAnySliceIsRethrown() {
        struct Odd: Error {}
        XCTAssertThrowsError(try parallelMap(Array(0..<100)) { number -> Int in
            if number == 99 { throw Odd() }
            return number
        }) { XCTAssertTrue($0 is Odd) }
    }
}
