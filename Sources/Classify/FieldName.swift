/// The name side of a field path, split for the lexicon.
///
/// `data#b64.properties.$user_id` gives components `data`, `properties`, `$user_id`; indexes
/// (`[0]`) and layer marks (`#b64`, `#json`, `~json`) are dropped. Each component is split into
/// lower-case word tokens at `_ - $ space`, lower-to-upper case changes and letter/digit changes
/// (`hjUserId` -> `hj user id`, `eVar12` -> `e var 12`); `key` joins them (`hjuserid`).
struct FieldName {
    struct Component {
        var tokens: [String]
        var key: String
    }

    /// Components outermost first; never empty (an empty path gives one empty component).
    let components: [Component]

    init(path: String) {
        var out: [Component] = []
        var current: [UInt8] = []
        var skipLayer = false
        func flush() {
            if !current.isEmpty, !skipLayer {
                let c = FieldName.component(current)
                if !c.key.isEmpty, !c.key.allSatisfy({ $0.isNumber }) { out.append(c) }
            }
            current.removeAll(keepingCapacity: true)
            skipLayer = false
        }
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"):
                flush()
            case UInt8(ascii: "#"), UInt8(ascii: "~"):
                flush()
                skipLayer = true   // the layer name (b64, json) that follows is not a key
            default:
                current.append(b)
            }
        }
        flush()
        components = out.isEmpty ? [Component(tokens: [], key: "")] : out
    }

    var last: Component { components[components.count - 1] }
    var parent: Component? { components.count >= 2 ? components[components.count - 2] : nil }

    /// Keys of every component above the last one.
    var ancestorKeys: [String] { components.dropLast().map(\.key) }

    private static func component(_ bytes: [UInt8]) -> Component {
        var tokens: [String] = []
        var word: [UInt8] = []
        var previous: UInt8 = 0
        func end() {
            if !word.isEmpty { tokens.append(String(decoding: word, as: UTF8.self).lowercased()) }
            word.removeAll(keepingCapacity: true)
        }
        for b in bytes {
            let isUpper = b >= 65 && b <= 90
            let isLower = b >= 97 && b <= 122
            let isDigit = b >= 48 && b <= 57
            let isHigh = b >= 0x80
            if !(isUpper || isLower || isDigit || isHigh) { end(); previous = 0; continue }
            let prevLower = previous >= 97 && previous <= 122
            let prevDigit = previous >= 48 && previous <= 57
            let prevAlpha = (previous >= 65 && previous <= 90) || prevLower
            if (isUpper && prevLower) || (isDigit && prevAlpha) || ((isUpper || isLower) && prevDigit) { end() }
            word.append(b)
            previous = b
        }
        end()
        return Component(tokens: tokens, key: tokens.joined())
    }
}
