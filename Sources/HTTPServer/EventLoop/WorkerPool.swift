import Foundation
import Synchronization

/// A fixed set of threads that run handlers which may block (on PostgreSQL), fed by a bounded
/// queue. When the queue is full, `submit` refuses at once so the loop can answer `503` instead of
/// letting latency and memory grow without bound.
final class WorkerPool: Sendable {
    private struct State {
        var queue: [@Sendable () -> Void] = []
        var head = 0
        var stopping = false
        var busy = 0
    }

    private let capacity: Int
    private let condition = NSCondition()
    // NSCondition guards `state`; every access below holds the lock.
    nonisolated(unsafe) private var state = State()
    private let threads: Int
    /// Jobs queued or running, readable without the lock (`isIdle`, asked on every evented request).
    private let active = Atomic<Int>(0)

    init(threads: Int, capacity: Int) {
        self.threads = max(1, threads)
        self.capacity = max(1, capacity)
    }

    func start() {
        for index in 0..<threads {
            let thread = Thread { [self] in self.runWorker() }
            thread.name = "guichet-worker-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Queues `job`; false when the queue is full or the pool is stopping.
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        if state.stopping || state.queue.count - state.head >= capacity {
            condition.unlock()
            return false
        }
        state.queue.append(job)
        active.add(1, ordering: .relaxed)
        condition.unlock()
        // Signalled after unlocking: a worker woken while the lock is still held would only wake
        // to wait for it (two context switches instead of one, on a machine with two cores).
        condition.signal()
        return true
    }

    /// Jobs waiting for a thread, and threads running one.
    var load: (queued: Int, busy: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (state.queue.count - state.head, state.busy)
    }

    /// True when no job is queued or running: a hint, read without the lock.
    var isIdle: Bool {
        active.load(ordering: .relaxed) == 0
    }

    /// Lets the threads finish what is queued, then exit.
    func stop() {
        condition.lock()
        state.stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func runWorker() {
        var finishedOne = false
        while true {
            condition.lock()
            // The job just run is counted off here, under the lock taken for the next one anyway.
            if finishedOne { state.busy -= 1 }
            while state.head == state.queue.count && !state.stopping { condition.wait() }
            if state.head == state.queue.count {
                condition.unlock()
                return
            }
            let job = state.queue[state.head]
            state.head += 1
            if state.head > 1024 && state.head * 2 > state.queue.count {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            state.busy += 1
            condition.unlock()
            job()
            active.subtract(1, ordering: .relaxed)
            finishedOne = true
        }
    }
}
