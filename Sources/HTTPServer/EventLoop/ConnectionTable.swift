/// Identifies a connection across threads: its slot in the loop's table and the slot's generation
/// when it was opened. A reply from a worker for a connection that has since closed, whose slot now
/// holds a newer connection, carries the old generation and is dropped instead of misdelivered.
struct ConnectionID: Hashable, Sendable {
    let slot: UInt32
    let generation: UInt32

    /// The epoll token: generation in the high half, slot in the low half.
    var token: UInt64 { UInt64(generation) << 32 | UInt64(slot) }

    init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    init(token: UInt64) {
        slot = UInt32(truncatingIfNeeded: token)
        generation = UInt32(truncatingIfNeeded: token >> 32)
    }
}

/// The open connections of one event loop, in reusable slots with generations (see `ConnectionID`).
/// Loop-confined: only its event loop thread touches it.
struct ConnectionTable {
    private var slots: [Connection?] = []
    private var generations: [UInt32] = []
    private var free: [UInt32] = []
    private(set) var count = 0

    /// Reserves a slot and returns the id the new connection will have.
    mutating func reserve() -> ConnectionID {
        if let slot = free.popLast() {
            generations[Int(slot)] &+= 1
            // Generation 0 is never given: tokens below 2^32 belong to watched descriptors (EventLoop.watch).
            if generations[Int(slot)] == 0 { generations[Int(slot)] = 1 }
            return ConnectionID(slot: slot, generation: generations[Int(slot)])
        }
        slots.append(nil)
        generations.append(1)
        return ConnectionID(slot: UInt32(slots.count - 1), generation: 1)
    }

    mutating func insert(_ connection: Connection, at id: ConnectionID) {
        slots[Int(id.slot)] = connection
        count += 1
    }

    /// The live connection with this id, or nil if it closed (or the slot was reused).
    func connection(_ id: ConnectionID) -> Connection? {
        let index = Int(id.slot)
        guard index < slots.count, generations[index] == id.generation else { return nil }
        return slots[index]
    }

    mutating func remove(_ id: ConnectionID) {
        let index = Int(id.slot)
        guard index < slots.count, generations[index] == id.generation, slots[index] != nil else { return }
        slots[index] = nil
        free.append(id.slot)
        count -= 1
    }

    /// Every live connection (for shutdown).
    var all: [Connection] { slots.compactMap { $0 } }
}
