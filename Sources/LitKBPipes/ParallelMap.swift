import Foundation

/// `items.map(transform)`, its work shared among the machine's cores in contiguous slices; the
/// results in the items' order. The first error a slice throws is rethrown.
///
/// ```swift
/// let lines = try parallelMap(works) { try WorkJSON.encode($0, pretty: false) }
/// ```
public func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) throws -> Result) throws -> [Result] {
    let slices = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
    guard slices > 1 else { return try items.map(transform) }
    let results = SliceResults<Result>(count: slices)
    DispatchQueue.concurrentPerform(iterations: slices) { slice in
        let range = (items.count * slice / slices)..<(items.count * (slice + 1) / slices)
        do {
            results.set(slice, .success(try items[range].map(transform)))
        } catch {
            results.set(slice, .failure(error))
        }
    }
    return try results.joined()
}

/// Each slice's results, written by one thread each and read once all have finished.
private final class SliceResults<Result: Sendable>: @unchecked Sendable {
    // @unchecked: each slot is written by one thread; `lock` orders the writes before the read.
    private let lock = NSLock()
    private var slots: [Swift.Result<[Result], Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ slice: Int, _ result: Swift.Result<[Result], Error>) {
        lock.lock()
        slots[slice] = result
        lock.unlock()
    }

    func joined() throws -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.flatMap { try $0!.get() }
    }
}
