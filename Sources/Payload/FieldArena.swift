/// The fields of one request in one byte buffer: each field's path and value are ranges of
/// `bytes`, so extraction makes no `String` per field; a consumer turns into text only the fields
/// it keeps (`pathText`, `valueText`).
package struct FieldArena: Sendable {
    /// One field: where it was found and the ranges of its path and value in `bytes`.
    package struct Field: Sendable {
        package var location: FieldLocation
        package var path: Range<Int>
        package var value: Range<Int>
    }

    package private(set) var bytes: [UInt8] = []
    package private(set) var fields: [Field] = []

    package init() {}

    mutating func reserveCapacity(bytes byteCount: Int, fields fieldCount: Int) {
        bytes.reserveCapacity(byteCount)
        fields.reserveCapacity(fieldCount)
    }

    package func path(_ f: Field) -> ArraySlice<UInt8> { bytes[f.path] }
    package func value(_ f: Field) -> ArraySlice<UInt8> { bytes[f.value] }
    package func pathText(_ f: Field) -> String { String(decoding: bytes[f.path], as: UTF8.self) }
    package func valueText(_ f: Field) -> String { String(decoding: bytes[f.value], as: UTF8.self) }
    /// Runs `body` on the value's bytes, borrowed.
    package func withValueBytes<R>(_ f: Field, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[f.value])) }
    }

    mutating func append<P: Collection, V: Collection>(_ location: FieldLocation, path: P, value: V)
    where P.Element == UInt8, V.Element == UInt8 {
        let p = bytes.count
        bytes.append(contentsOf: path)
        let v = bytes.count
        bytes.append(contentsOf: value)
        fields.append(Field(location: location, path: p..<v, value: v..<bytes.count))
    }

    /// Makes the fields from index `first` on, whose paths start with a prefix of `prefixCount`
    /// bytes, the fields of document 0 of a multi-document text: `p.e` becomes `p[0].e`, and with an
    /// empty prefix `e` becomes `[0].e` (`[2]` and `#json...` take no dot).
    mutating func indexFirstDocument(from first: Int, prefixCount: Int) {
        // The new paths are built aside, then appended once: appending slices of `bytes` to itself
        // would copy the whole arena for every field.
        var added: [UInt8] = []
        for i in first..<fields.count {
            let old = fields[i].path
            let restStart = old.lowerBound + prefixCount
            let start = bytes.count + added.count
            added.append(contentsOf: bytes[old.lowerBound..<restStart])
            added.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "]")])
            if prefixCount == 0, restStart < old.upperBound, bytes[restStart] != UInt8(ascii: "["), bytes[restStart] != UInt8(ascii: "#") {
                added.append(UInt8(ascii: "."))
            }
            added.append(contentsOf: bytes[restStart..<old.upperBound])
            fields[i].path = start..<(bytes.count + added.count)
        }
        bytes.append(contentsOf: added)
    }
}
