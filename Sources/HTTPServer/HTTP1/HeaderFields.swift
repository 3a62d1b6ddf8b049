/// An ordered list of header fields, duplicates kept (RFC 9110 §5.3): framing checks must see
/// every `Content-Length`, not the last one. Names compare case-insensitively (ASCII only).
public struct HeaderFields: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field line: the name as sent and its value with surrounding whitespace trimmed.
    public struct Field: Sendable, Equatable {
        /// The field name as sent.
        public var name: String
        /// The field value, trimmed of leading and trailing spaces and tabs.
        public var value: String

        /// Makes a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in the order they were sent or added.
    public private(set) var fields: [Field] = []

    /// An empty list.
    public init() {}

    /// A list from literal pairs, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The number of field lines.
    public var count: Int { fields.count }

    /// Makes room for `capacity` fields, so adding the last ones does not grow the storage twice.
    public mutating func reserveCapacity(_ capacity: Int) {
        fields.reserveCapacity(capacity)
    }

    /// Appends a field, keeping any earlier one of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field of this name with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field of this name.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.equalNames($0.name, name) }
    }

    /// The first value of the named field, if any.
    public subscript(name: String) -> String? {
        fields.first { Self.equalNames($0.name, name) }?.value
    }

    /// Every value of the named field, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { Self.equalNames($0.name, name) }.map(\.value)
    }

    /// Whether a field of this name is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.equalNames($0.name, name) }
    }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// ASCII case-insensitive comparison of field names (RFC 9110 §5.1). Compares lengths first
    /// (O(1) for native strings): most names a lookup meets differ in length.
    @inlinable
    public static func equalNames(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        guard left.count == right.count else { return false }
        // Native strings hand out their bytes directly; the generic walk is the fallback.
        if let fast = left.withContiguousStorageIfAvailable({ x in
            right.withContiguousStorageIfAvailable { y in equalNameBytes(x, y) }
        }), let fast {
            return fast
        }
        return equalNameBytes(Array(left), Array(right))
    }

    @usableFromInline
    static func equalNameBytes<Bytes: RandomAccessCollection<UInt8>>(_ left: Bytes, _ right: Bytes) -> Bool
    where Bytes.Index == Int {
        for index in left.indices {
            let x = left[index]
            let y = right[right.startIndex + (index - left.startIndex)]
            if x == y { continue }
            let lower = x | 0x20
            if lower != y | 0x20 || lower < UInt8(ascii: "a") || lower > UInt8(ascii: "z") { return false }
        }
        return true
    }
}
