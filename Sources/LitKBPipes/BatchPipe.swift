import Foundation

/// A bounded hand-off between one producing thread and one consuming thread: the parser fills
/// a part on one core while the store writes the previous one on the other; the store reads
/// works on one while an export writes them out on the other. Bounded, so a fast producer
/// cannot run ahead and hold a whole file or knowledge base in memory.
public final class BatchPipe<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Element] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Blocks while the pipe is full; false when the consumer has stopped listening.
    public func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(element)
        condition.broadcast()
        return true
    }

    /// No more elements will come.
    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops: a producer blocked in `put` returns false.
    public func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The next element, or nil once the producer finished and everything was taken.
    public func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let element = queue.removeFirst()
        condition.broadcast()
        return element
    }
}

/// Values one thread is done with, for another thread to release: the parse thread empties it
/// after each part it hands over, so the records' memory is freed where it was allocated.
public final class ReleaseBin<Element: Sendable>: @unchecked Sendable {
    // @unchecked: `held` is guarded by `lock`.
    private let lock = NSLock()
    private var held: [Element] = []

    public init() {}

    public func put(_ element: Element) {
        lock.lock()
        held.append(element)
        lock.unlock()
    }

    /// Releases everything put so far, on the calling thread.
    public func empty() {
        lock.lock()
        let taken = held
        held = []
        lock.unlock()
        _ = taken
    }
}
