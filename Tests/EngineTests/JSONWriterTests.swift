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
}
