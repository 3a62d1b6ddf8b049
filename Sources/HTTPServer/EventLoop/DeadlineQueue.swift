/// A min-heap of connection deadlines (monotonic nanoseconds), one per event loop, so `epoll_wait`
/// sleeps exactly until the nearest header, body, idle, write or linger deadline. Entries are
/// never removed early: a popped entry whose connection moved on is simply ignored (lazy deletion).
struct DeadlineQueue {
    struct Entry {
        let deadline: Int64
        let id: ConnectionID
    }

    private var heap: [Entry] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// The nearest deadline, if any.
    var nearest: Int64? { heap.first?.deadline }

    mutating func push(_ deadline: Int64, for id: ConnectionID) {
        heap.append(Entry(deadline: deadline, id: id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if heap[parent].deadline <= heap[child].deadline { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes and returns the nearest entry if it is due at `now`.
    mutating func popDue(now: Int64) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
                if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
