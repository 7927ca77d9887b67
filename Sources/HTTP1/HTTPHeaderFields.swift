/// Header fields in order, kept as one byte buffer plus the fields' boundaries: a head with any
/// number of fields costs two allocations, and no `String` is built until a field is read.
///
/// Reading a field (`self[i]`) decodes its bytes as UTF-8, invalid sequences replaced (exactly as
/// `String(decoding:as:)` does); `withBytes` lends the raw bytes for writers that need no string.
package struct HTTPHeaderFields: Sendable, Equatable, RandomAccessCollection {
    /// Names and values back to back.
    private var storage: [UInt8] = []
    /// Two entries per field: the end of its name, then the end of its value, in `storage` (a name
    /// starts where the previous value ended).
    private var ends: [Int] = []

    package init() {}

    package init(_ fields: [HTTPHeaderField]) {
        for field in fields { append(name: field.name, value: field.value) }
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { ends.count / 2 }
    package var count: Int { ends.count / 2 }

    package subscript(position: Int) -> HTTPHeaderField {
        withBytes(position) { name, value in
            HTTPHeaderField(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
    }

    /// The name and value bytes of field `position`, borrowed for the call.
    package func withBytes<R>(_ position: Int, _ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = position == 0 ? 0 : ends[2 * position - 1]
        let nameEnd = ends[2 * position]
        let valueEnd = ends[2 * position + 1]
        return try storage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<nameEnd]), UnsafeRawBufferPointer(rebasing: all[nameEnd..<valueEnd]))
        }
    }

    /// Calls `body` with the name and value bytes of every field in order, borrowed for the call.
    package func forEachBytes(_ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        try storage.withUnsafeBytes { all in
            var start = 0
            var k = 0
            while k < ends.count {
                let nameEnd = ends[k], valueEnd = ends[k + 1]
                try body(UnsafeRawBufferPointer(rebasing: all[start..<nameEnd]), UnsafeRawBufferPointer(rebasing: all[nameEnd..<valueEnd]))
                start = valueEnd
                k += 2
            }
        }
    }

    /// Room for `bytes` bytes of names and values and `fields` fields.
    package mutating func reserveCapacity(bytes: Int, fields: Int) {
        storage.reserveCapacity(bytes)
        ends.reserveCapacity(2 * fields)
    }

    package mutating func append(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        storage.append(contentsOf: name)
        ends.append(storage.count)
        storage.append(contentsOf: value)
        ends.append(storage.count)
    }

    package mutating func append(name: UnsafeRawBufferPointer, value: String) {
        var value = value
        value.withUTF8 { append(name: name, value: UnsafeRawBufferPointer($0)) }
    }

    package mutating func append(name: String, value: String) {
        var name = name
        name.withUTF8 { append(name: UnsafeRawBufferPointer($0), value: value) }
    }
}
