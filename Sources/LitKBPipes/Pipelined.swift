import Foundation

/// Runs `produce` on a thread of its own and hands the elements it yields to `consume` on the
/// calling thread, in batches of `batchSize` (the last may be smaller) through a bounded
/// `BatchPipe`: two cores share the work, and no more than `capacity` batches wait between them. `yield` returns false once `consume` has
/// thrown; `produce` should then stop. The first error either side throws is rethrown here,
/// after the producing thread has ended.
///
/// ```swift
/// try pipelined(produce: { yield in for work in works { guard yield(work) else { return } } },
///               consume: { batch in for work in batch { print(render(work)) } })
/// ```
public func pipelined<Element: Sendable>(batchSize: Int = 64, capacity: Int = 4,
                                          produce: @escaping @Sendable (_ yield: (Element) -> Bool) throws -> Void,
                                          consume: ([Element]) throws -> Void) throws {
    let pipe = BatchPipe<[Element]>(capacity: capacity)
    let outcome = ProducerOutcome()
    let producer = Thread {
        var batch: [Element] = []
        batch.reserveCapacity(batchSize)
        do {
            try produce { element in
                batch.append(element)
                guard batch.count >= batchSize else { return true }
                defer { batch = [] }
                return pipe.put(batch)
            }
        } catch {
            outcome.record(error)
        }
        // What was yielded before an error still reaches the consumer, then the error.
        if !batch.isEmpty { _ = pipe.put(batch) }
        pipe.finish()
        outcome.done.signal()
    }
    producer.stackSize = 8 << 20
    producer.start()
    do {
        while let batch = pipe.take() { try consume(batch) }
    } catch {
        pipe.cancel()
        outcome.done.wait()
        throw error
    }
    outcome.done.wait()
    if let error = outcome.error { throw error }
}

/// What the producing thread ended with, read by the caller once `done` is signalled.
private final class ProducerOutcome: @unchecked Sendable {
    // @unchecked: `error` is written before `done` is signalled and read after it is waited on.
    let done = DispatchSemaphore(value: 0)
    private(set) var error: Error?
    func record(_ error: Error) { self.error = error }
}
