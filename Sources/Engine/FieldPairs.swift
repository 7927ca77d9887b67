import Primitives
import Payload

/// Name/value pairs in a payload: objects that name their value in a sibling field, such as HubSpot
/// form fields `{"name": "firstname", "value": "Lena"}`, LinkedIn `{"idType": "SHA256_EMAIL",
/// "idValue": "…"}` or `{"property": "email", "value": "…"}`, or by their own key, such as GA4 user
/// properties `{"first_name": {"value": "Lena"}}`. The value's own key (`value`) says nothing; the
/// pair's name does. Found once per request, by parent path; most requests have none.
struct FieldPairs {
    /// Keys that hold the value of a pair (compared lower-cased).
    private static let valueKeys: [[UInt8]] = ["value", "idvalue", "id_value"].map { Array($0.utf8) }
    /// Keys that name the value of a pair (compared lower-cased).
    private static let nameKeys: [[UInt8]] = ["name", "property", "field", "key", "type", "idtype", "id_type",
                                              "identifier_type", "identifiertype"].map { Array($0.utf8) }
    /// Pair names longer than this are not names (free text).
    private static let nameLimit = 64

    /// For each paired value field (by index in the arena), the path under which to read it:
    /// the parent path, a dot and the pair's name (`fields[1].firstname`).
    private(set) var names: [Int: String] = [:]

    init(_ arena: FieldArena) {
        var valueFields: [Int] = []
        for (i, field) in arena.fields.enumerated() where Self.lastKeyIs(arena.path(field), Self.valueKeys) {
            valueFields.append(i)
        }
        guard !valueFields.isEmpty else { return }
        // Each pair's name by its location and parent path: one pass, the first name of a parent wins.
        var named: [PairKey: ArraySlice<UInt8>] = [:]
        for field in arena.fields {
            let path = arena.path(field)
            guard Self.lastKeyIs(path, Self.nameKeys) else { continue }
            let name = arena.value(field)
            guard !name.isEmpty, name.count <= Self.nameLimit, name.allSatisfy(Self.isNameByte) else { continue }
            let key = PairKey(location: field.location, parent: Array(Self.parent(path)))
            if named[key] == nil { named[key] = name }
        }
        for i in valueFields {
            let field = arena.fields[i]
            let parent = Self.parent(arena.path(field))
            if let name = named[PairKey(location: field.location, parent: Array(parent))] {
                names[i] = String(decoding: parent, as: UTF8.self) + "." + String(decoding: name, as: UTF8.self)
            } else if let last = parent.last, last != UInt8(ascii: "]") {
                names[i] = String(decoding: parent, as: UTF8.self)   // `{"first_name": {"value": …}}`
            }
        }
    }

    private struct PairKey: Hashable {
        var location: FieldLocation
        var parent: [UInt8]
    }

    /// The path before the last `.` (the whole path is its own parent when there is none).
    private static func parent(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let dot = path.lastIndex(of: UInt8(ascii: ".")) else { return path[path.startIndex..<path.startIndex] }
        return path[..<dot]
    }

    /// Whether the last key of `path` (after the last `.`, no index after it) is one of `keys`.
    private static func lastKeyIs(_ path: ArraySlice<UInt8>, _ keys: [[UInt8]]) -> Bool {
        let start = path.lastIndex(of: UInt8(ascii: ".")).map { $0 + 1 } ?? path.startIndex
        let key = path[start...]
        return keys.contains { $0.count == key.count && $0.elementsEqual(key.lazy.map(\.asciiLowercased)) }
    }

    /// Letters, digits, `_`, `-`, `$` and spaces: what a field name is made of.
    private static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "$"), 32: true
        default: false
        }
    }
}
