import Testing
@testable import Payload

@Suite("JSONTokenizer")
struct JSONTokenizerTests {
    static func tokens(_ text: String, splits: [Int]? = nil, maxDepth: Int = 64) -> ([JSONEvent], PayloadError?) {
        var t = JSONTokenizer(maxDepth: maxDepth)
        var ev: [JSONEvent] = []
        let bytes = Array(text.utf8)
        if let splits {
            var start = 0
            for s in splits + [bytes.count] where s > start && s <= bytes.count {
                t.feed(bytes[start..<s], into: &ev)
                start = s
            }
        } else {
            t.feed(bytes, into: &ev)
        }
        t.finish(into: &ev)
        return (ev, t.failure)
    }

    @Test("tokens of a nested document with escapes, numbers and literals")
    func nested() {
        let (ev, err) = Self.tokens(#"{"a":[1,-2.5e3,true,null],"b":{"c":"x\"y\u00e9\ud83d\ude00"}}"#)
        #expect(err == nil)
        #expect(ev == [.objectStart, .key("a"), .arrayStart, .number("1"), .number("-2.5e3"), .bool(true), .null, .arrayEnd,
                       .key("b"), .objectStart, .key("c"), .string("x\"yé😀"), .objectEnd, .objectEnd])
    }

    @Test("the same tokens however the input is split (one byte at a time, pseudo-random splits)")
    func dripFeed() {
        let doc = #"{"batch":[{"userId":"u-1","traits":{"email":"a@b.co","n":12.75}},{"x":[[],{}],"y":"\\\u0041"}]} "#
        let (whole, e0) = Self.tokens(doc)
        #expect(e0 == nil)
        let n = doc.utf8.count
        let (drip, e1) = Self.tokens(doc, splits: Array(1..<n))
        #expect(drip == whole && e1 == nil)
        var seed: UInt64 = 42
        for _ in 0..<50 {
            var cuts: [Int] = []
            for _ in 0..<6 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; cuts.append(Int(seed >> 33) % n) }
            let (split, e2) = Self.tokens(doc, splits: cuts.sorted())
            #expect(split == whole && e2 == nil)
        }
    }

    @Test("tokens handed on in place (whole input) equal those assembled across splits, errors included")
    func inPlaceEqualsSplit() {
        let docs = [
            #"[1,22,-3.5e2,0,"",true,false,null,{"k":"v"},"x\\ny"]"#, #"{"a":01}"#, #"[1.]"#, #"[-]"#, #"{"n":12"#,
            #"["\ud83d\ude00","\ud83d","a\u00e9b"] 7"#, #"{"": ""}  {"b":[]}"#, #"[1e5,2E-3,-0.5]"#, "[tru]", #"{"a":1,}"#,
            // The structural fast path's edges: empty and nested containers, spacing, mismatched closers,
            // literals run together, a control byte in a string, a BOM, a value after a value.
            "{}", "[]", " [ [ [ ] ] , { } ] ", #"{"a":{"b":[null,true,false,-0,1.5e-3]}}"#, "[1 2]", #"{"a" 1}"#,
            #"{"a":1]"#, "]", "}", "nul", "[truefalse]", "[\"a\tb\"]", "\u{FEFF}[1]", #"[1]{"a":"b"}"#, #"{"k":"v",}"#,
        ]
        for doc in docs {
            let (whole, e0) = Self.tokens(doc)
            let n = doc.utf8.count
            let (drip, e1) = Self.tokens(doc, splits: Array(1..<n))
            #expect(drip == whole, "\(doc)")
            #expect(e1 == e0, "\(doc)")
            for cut in 1..<n {
                let (split, e2) = Self.tokens(doc, splits: [cut])
                #expect(split == whole && e2 == e0, "\(doc) cut at \(cut)")
            }
        }
        #expect(Self.tokens(#"{"a":01}"#).1 == .unexpectedByte(offset: 7, expected: "a valid number", found: UInt8(ascii: "1")))
    }

    @Test("strings scanned eight bytes at a time stop at a quote, backslash or control byte in any position")
    func wordScan() {
        for length in [7, 8, 9, 16, 17, 31] {
            for position in 0..<length {
                for special in [#"\n"#, #"\""#, "\t", "é"] {
                    var text = String(repeating: "a", count: length)
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    let doc = #"{"k":""# + text + #"","k2":"bbbbbbbbbbbbbbbbbb"}"#
                    let (whole, e0) = Self.tokens(doc)
                    let (drip, e1) = Self.tokens(doc, splits: Array(1..<doc.utf8.count))
                    #expect(whole == drip && e0 == e1, "\(doc)")
                    #expect(whole.count == (e0 == nil ? 6 : whole.count), "\(doc)")
                }
            }
        }
    }

    @Test("NDJSON: several top-level values are counted as documents")
    func ndjson() {
        var t = JSONTokenizer()
        var ev: [JSONEvent] = []
        t.feed(Array("{\"a\":1}\n{\"a\":2}\n3".utf8), into: &ev)
        t.finish(into: &ev)
        #expect(t.failure == nil)
        #expect(t.documents == 3)
    }

    @Test("malformed input fails with the offset and keeps earlier tokens")
    func malformed() {
        let (ev, err) = Self.tokens(#"{"a":1,}"#)
        #expect(ev == [.objectStart, .key("a"), .number("1")])
        #expect(err == .unexpectedByte(offset: 7, expected: "object key", found: UInt8(ascii: "}")))
        #expect(Self.tokens(#"{"a":01}"#).1 != nil)
        #expect(Self.tokens(#"{"a":"x"#).1 == .truncated(offset: 7, expected: "end of container"))
        #expect(Self.tokens("[tru]").1 != nil)
    }

    @Test("nesting deeper than the limit fails, no unbounded stack")
    func depth() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(Self.tokens(deep, maxDepth: 64).1 == .tooDeep(offset: 64, limit: 64))
        #expect(Self.tokens(deep, maxDepth: 100).1 == nil)
    }

    @Test("long strings are cut at the cap and counted once")
    func cap() {
        var t = JSONTokenizer(maxDepth: 8, maxStringBytes: 4)
        var ev: [JSONEvent] = []
        t.feed(Array(#"["abcdefgh","xy"]"#.utf8), into: &ev)
        t.finish(into: &ev)
        #expect(ev == [.arrayStart, .string("abcd"), .string("xy"), .arrayEnd])
        #expect(t.truncatedStrings == 1)
    }
}
