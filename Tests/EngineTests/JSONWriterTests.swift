import Foundation
import Testing
@testable import Engine
import Primitives

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("strings with quotes, backslashes, control bytes and non-ASCII round-trip through a JSON parser")
    func escaping() throws {
        let tricky = "a\"b\\c\u{01}\t\n\r\u{7F} é 😀 </script>"
        var w = JSONWriter()
        w.beginObject()
        w.field("k", tricky)
        w.key("list"); w.beginArray(); w.int(-3); w.bool(true); w.null(); w.double(1.5); w.endArray()
        w.field("none", nil as String?)
        w.endObject()
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
        #expect(obj["k"] as? String == tricky)
        #expect((obj["list"] as? [Any])?.count == 4)
        #expect(obj["none"] is NSNull)
    }

    @Test("a byte that needs escaping is found at every position of long strings (word-at-a-time scan)")
    func escapingAtEveryPosition() throws {
        for special in ["\"", "\\", "\u{00}", "\u{1F}", "\n", "\u{7F}"] {
            for position in 0..<24 {
                let text = String(repeating: "é", count: position % 3) + String(repeating: "a", count: position) + special
                    + String(repeating: "z", count: 23 - position)
                var w = JSONWriter()
                w.beginArray(); w.string(text); w.endArray()
                let decoded = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String])
                #expect(decoded == [text], "special \(special.unicodeScalars.first!.value) at \(position)")
            }
        }
    }

    @Test("a string written from bytes equals the string decoded from them, invalid UTF-8 included")
    func stringFromBytes() {
        let samples: [[UInt8]] = [
            Array("plain ascii".utf8), Array("quote\" back\\ tab\t del\u{7F}".utf8), Array("é 😀".utf8),
            [0x61, 0xFF, 0x62], [0xC3], [0xE2, 0x82], [0x00, 0x1F, 0x80], [],
        ]
        for bytes in samples {
            var fromBytes = JSONWriter()
            var fromString = JSONWriter()
            bytes.withUnsafeBytes { fromBytes.string(utf8: $0) }
            fromString.string(String(decoding: bytes, as: UTF8.self))
            #expect(fromBytes.bytes == fromString.bytes, "bytes \(bytes)")
        }
    }

    @Test("the reorder buffer releases in first-packet order, bounded")
    func orderer() {
        var o = RecordOrderer<Int>(maxBuffered: 3)
        var out: [Int] = []
        for (i, t) in [5, 1, 4, 2, 3].enumerated() {
            o.insert(i, key: PacketRef(time: Timestamp(nanoseconds: Int64(t)), index: UInt64(i)))
        }
        o.release(before: PacketRef(time: Timestamp(nanoseconds: 3), index: 0)) { out.append($0) }
        #expect(out == [1, 3])           // keys 1 and 2
        o.release(before: nil) { out.append($0) }
        #expect(out == [1, 3, 4, 2, 0])  // then 3, 4, 5
        #expect(o.count == 0)
    }

    @Test("the reorder buffer also releases when held bodies exceed their byte bound")
    func ordererWeight() {
        var o = RecordOrderer<Int>(maxBuffered: 100, maxBufferedWeight: 1000)
        var out: [Int] = []
        for i in 0..<5 { o.insert(i, key: PacketRef(time: Timestamp(nanoseconds: Int64(i)), index: UInt64(i)), weight: 400) }
        o.release(before: PacketRef(time: .zero, index: 0)) { out.append($0) }
        #expect(out == [0, 1, 2])          // 5 x 400 > 1000: the oldest go until 800 remain
        #expect(o.bufferedWeight == 800)
        #expect(o.forcedReleases == 3)
    }

    @Test("timestamps, endpoints, integers and literals are written exactly as their text forms")
    func typedFields() {
        var w = JSONWriter()
        w.beginObject()
        w.field("ts", Timestamp(seconds: 1_710_234_000, nanoseconds: 28_402_000))
        w.field("a", Endpoint(address: IPAddress("2001:db8:100::137")!, port: 33_887))
        w.field("b", Endpoint(address: IPAddress("10.1.0.39")!, port: 41_977))
        w.key("n"); w.beginArray(); for n in [0, -1, 42, Int.max, Int.min] { w.int(n) }; w.endArray()
        w.field("t", true); w.field("f", false); w.key("z"); w.null()
        w.endObject()
        let expected = #"{"ts":"2024-03-12T09:00:00.028402Z","a":"[2001:db8:100::137]:33887","b":"10.1.0.39:41977","n":[0,-1,42,9223372036854775807,-9223372036854775808],"t":true,"f":false,"z":null}"#
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    @Test("literal keys are written exactly like escaped keys")
    func literalKeys() {
        var a = JSONWriter()
        var b = JSONWriter()
        a.beginObject(); b.beginObject()
        for name in ["ts", "body_decoded_length", "connect_target", "x-y", "x"] {
            a.key(name); a.int(1)
        }
        b.key(literal: "ts"); b.int(1)
        b.key(literal: "body_decoded_length"); b.int(1)
        b.key(literal: "connect_target"); b.int(1)
        b.key(literal: "x-y"); b.int(1)
        b.key(literal: "x"); b.int(1)   // a one-character literal (possibly stored as a Unicode scalar)
        a.endObject(); b.endObject()
        #expect(a.bytes == b.bytes)
        #expect(String(decoding: b.bytes, as: UTF8.self) == #"{"ts":1,"body_decoded_length":1,"connect_target":1,"x-y":1,"x":1}"#)
    }

    @Test("a copied writer is a value: writing to one leaves the other as it was (buffers grow apart)")
    func copies() {
        var a = JSONWriter()
        a.beginArray(); a.string("shared")
        var b = a
        b.string(String(repeating: "x", count: 5000))   // grows b's buffer past the initial capacity
        b.endArray()
        a.int(7); a.endArray()
        #expect(String(decoding: a.bytes, as: UTF8.self) == #"["shared",7]"#)
        #expect(b.bytes.count == 5000 + 13)   // ["shared","x...x"]
        a.withBytes { #expect(Array($0) == a.bytes) }
        a.reset()
        #expect(a.bytes.isEmpty)
        #expect(String(decoding: b.bytes.prefix(10), as: UTF8.self) == #"["shared","#)
    }
}
