import Foundation
import Primitives
import Payload
import Classify

/// Name/value pairs in a payload: objects that name their value in a sibling field, such as HubSpot
/// form fields `{"name": "firstname", "value": "Lena"}`, LinkedIn `{"idType": "SHA256_EMAIL",
/// "idValue": "…"}` or `{"property": "email", "value": "…"}`, or by their own key in a property map,
/// such as GA4 user properties `{"first_name": {"value": "Lena"}}`. The value's own key (`value`)
/// says nothing; the pair's name does.
///
/// Found once per request on the arena's bytes: one pass over the fields' last keys, then each value
/// key (most requests have none or few) is matched with the name keys by parent path, without
/// allocating unless a pair is found.
struct FieldPairs {
    /// Keys that hold the value of a pair (compared lower-cased).
    private static let valueKeys: [StaticString] = ["value", "idvalue", "id_value"]
    /// Keys that name the value of a pair (compared lower-cased).
    private static let nameKeys: [StaticString] = ["name", "property", "field", "key", "type", "idtype", "id_type",
                                                   "identifier_type", "identifiertype"]
    /// Pair names longer than this are not names (free text).
    private static let nameLimit = 64
    /// Value fields and name fields looked at per request at most (each value is matched against
    /// every name: a bound on hostile payloads).
    private static let valueFieldLimit = 64

    /// A value field and what names it: its own parent key (`name` nil), or a sibling's value.
    private struct Pair {
        var field: Int
        var parent: Range<Int>
        var name: Range<Int>?
    }

    /// Paired fields, by ascending index in the arena.
    private var pairs: [Pair] = []

    init(_ arena: FieldArena) {
        let fields = arena.fields
        let found: [Pair] = arena.bytes.withUnsafeBufferPointer { all in
            // One pass: value fields, and name fields with where their parent path ends (on the stack).
            withUnsafeTemporaryAllocation(of: (field: Int32, dot: Int32).self, capacity: 2 * Self.valueFieldLimit) { marks in
                var values = 0, names = 0
                for (i, f) in fields.enumerated() {
                    // Every key of both lists ends in `e`, `y` or `d`: most paths are refused on one byte.
                    guard let end = f.path.last.map({ all[$0] | 0x20 }),
                          end == UInt8(ascii: "e") || end == UInt8(ascii: "y") || end == UInt8(ascii: "d") else { continue }
                    if let k = Self.lastKey(all, f.path, among: Self.valueKeys) {
                        if values < Self.valueFieldLimit { marks[values] = (Int32(i), Int32(f.path.upperBound - k - 1)); values += 1 }
                    } else if names < Self.valueFieldLimit, let k = Self.lastKey(all, f.path, among: Self.nameKeys),
                              !f.value.isEmpty, f.value.count <= Self.nameLimit, all[f.value].allSatisfy(Self.isNameByte) {
                        marks[Self.valueFieldLimit + names] = (Int32(i), Int32(f.path.upperBound - k - 1))
                        names += 1
                    }
                }
                var out: [Pair] = []
                for v in 0..<values {
                    let i = Int(marks[v].field), dot = Int(marks[v].dot)
                    let f = fields[i]
                    let parent = f.path.lowerBound..<max(dot, f.path.lowerBound)
                    // The first name field of the same location under the same parent names the value.
                    var name: Range<Int>?
                    for n in 0..<names {
                        let g = fields[Int(marks[Self.valueFieldLimit + n].field)]
                        let gDot = Int(marks[Self.valueFieldLimit + n].dot)
                        let gParent = g.path.lowerBound..<max(gDot, g.path.lowerBound)
                        if g.location == f.location, gParent.count == parent.count,
                           parent.isEmpty || memcmp(all.baseAddress! + gParent.lowerBound, all.baseAddress! + parent.lowerBound, parent.count) == 0 {
                            name = g.value
                            break
                        }
                    }
                    // Without a name, a value is named by its own key inside a property map
                    // (GA4 `user_properties: {"first_name": {"value": …}}`).
                    if name == nil {
                        guard let map = Self.mapKey(all, parent),
                              Self.propertyMaps.contains(where: { ByteClass.contains(arena.bytes[map], $0) }) else { continue }
                    }
                    out.append(Pair(field: i, parent: parent, name: name))
                }
                return out
            }
        }
        pairs = found
    }

    /// The path under which to read field `index`'s value, when it is a pair's value: the parent
    /// path and the pair's name (`fields[1].firstname`), or the parent path itself (its own key).
    func path(_ index: Int, in arena: FieldArena) -> ArraySlice<UInt8>? {
        guard let p = pairs.first(where: { $0.field == index }) else { return nil }   // a few per request at most
        guard let name = p.name else { return arena.bytes[p.parent] }
        return (arena.bytes[p.parent] + [UInt8(ascii: ".")] + arena.bytes[name])[...]
    }

    /// The length of the last key of `path` when it is one of `keys` (ASCII, compared lower-cased):
    /// the path ends with the key, after a `.` or nothing. Read from the end: no scan of the path.
    private static func lastKey(_ all: UnsafeBufferPointer<UInt8>, _ path: Range<Int>, among keys: [StaticString]) -> Int? {
        for k in keys where k.utf8CodeUnitCount <= path.count {
            let n = k.utf8CodeUnitCount, start = path.upperBound - n
            guard n == path.count || all[start - 1] == UInt8(ascii: ".") else { continue }
            var same = true
            for i in 0..<n where all[start + i].asciiLowercased != k.utf8Start[i] {
                same = false
                break
            }
            if same { return n }
        }
        return nil
    }

    /// Words of the maps whose entries are `{key: {value: …}}` (`user_properties`, `userAttributes`, `traits`).
    private static let propertyMaps: [StaticString] = ["propert", "attribute", "trait"]

    /// When `parent` (`user_properties.first_name`) ends in a key, the range of the key before it
    /// (`user_properties`): the map the entry would belong to.
    private static func mapKey(_ all: UnsafeBufferPointer<UInt8>, _ parent: Range<Int>) -> Range<Int>? {
        guard let end = parent.last, all[end] != UInt8(ascii: "]") else { return nil }
        var dot = end
        while dot > parent.lowerBound, all[dot] != UInt8(ascii: ".") { dot -= 1 }
        guard dot > parent.lowerBound else { return nil }
        var start = dot
        while start > parent.lowerBound, all[start - 1] != UInt8(ascii: "."), all[start - 1] != UInt8(ascii: "#") { start -= 1 }
        return start..<dot
    }

    /// Letters, digits, `_`, `-`, `$` and spaces: what a field name is made of.
    private static func isNameByte(_ b: UInt8) -> Bool {
        ByteClass.isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: "$") || b == 32
    }
}
