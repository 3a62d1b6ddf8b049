import HTTPServer

/// A body assembled in one reused buffer, written through a pointer into room reserved for each
/// piece: for writers that emit many small values per row (a report's 100 rows of nine columns),
/// where appending each value to an `Array` cost more than the bytes themselves.
struct ByteSpool {
    private var storage: [UInt8] = []
    /// The bytes written so far, at the start of `storage`; the rest is room.
    private(set) var count = 0
    private let capacity: Int

    /// `capacity`: the room made at first and again after each `take`, unless a piece needs more.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Runs `body` with a cursor over at least `bound` bytes of room and keeps what it wrote. A
    /// body that throws keeps nothing, so a failed row leaves no half of itself behind.
    mutating func write<Failure: Error>(
        reserving bound: Int, _ body: (inout Cursor) throws(Failure) -> Void
    ) throws(Failure) {
        if storage.count - count < bound {
            storage.append(contentsOf: repeatElement(0, count: max(bound, storage.count, capacity)))
        }
        let start = count
        count = try storage.withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> Int in
            var cursor = Cursor(buffer, from: start)
            try body(&cursor)
            return cursor.offset
        }
    }

    /// The bytes written, handed over without a copy; the spool starts again empty.
    mutating func take() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &storage)
        taken.removeLast(taken.count - count)
        count = 0
        return taken
    }

    /// Writes forward through reserved room. Every write checks the room, so a wrong reservation
    /// stops the process rather than writing past the buffer.
    struct Cursor {
        private let buffer: UnsafeMutableBufferPointer<UInt8>
        private(set) var offset: Int

        fileprivate init(_ buffer: UnsafeMutableBufferPointer<UInt8>, from offset: Int) {
            self.buffer = buffer
            self.offset = offset
        }

        mutating func put(_ byte: UInt8) {
            precondition(offset < buffer.count, "ByteSpool: write past the reserved room")
            buffer[offset] = byte
            offset += 1
        }

        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            precondition(bytes.count <= buffer.count - offset, "ByteSpool: write past the reserved room")
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
            (target + offset).update(from: source, count: bytes.count)
            offset += bytes.count
        }

        mutating func put(_ text: StaticString) {
            text.withUTF8Buffer { put($0) }
        }

        /// Up to `limit` bytes filled by `body`, which returns how many it wrote; returns that.
        @discardableResult
        mutating func fill(upTo limit: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Int {
            precondition(limit <= buffer.count - offset, "ByteSpool: write past the reserved room")
            let written = body(UnsafeMutableBufferPointer(rebasing: buffer[offset..<offset + limit]))
            precondition(written <= limit, "ByteSpool: write past the reserved room")
            offset += written
            return written
        }

        /// A non-negative or negative integer in decimal.
        mutating func put(decimal value: Int) {
            fill(upTo: 20) { room in
                var digits = value.magnitude
                var end = room.count
                repeat {
                    end -= 1
                    room[end] = UInt8(ascii: "0") + UInt8(digits % 10)
                    digits /= 10
                } while digits > 0
                if value < 0 {
                    end -= 1
                    room[end] = UInt8(ascii: "-")
                }
                let length = room.count - end
                for index in 0..<length { room[index] = room[end + index] }
                return length
            }
        }

        /// Valid UTF-8 escaped for the inside of a JSON string (at most six bytes per byte).
        mutating func putJSONEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
            JSONText.withEscaped(utf8: bytes) { put($0) }
        }
    }
}
