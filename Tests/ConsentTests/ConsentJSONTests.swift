import Foundation
import Testing
@testable import Consent

@Suite("ConsentJSON")
struct ConsentJSONTests {
    @Test("parses and re-serialises deterministically (sorted keys, compact)")
    func roundTrip() throws {
        let v = try ConsentJSON.parse(#" { "b": [1, -2, 3.5, true, null], "a": "x\"\u00e9\n" , "c": {} } "#)
        #expect(v.json == #"{"a":"x\"é\n","b":[1,-2,3.5,true,null],"c":{}}"#)
        #expect(try ConsentJSON.parse(v.json) == v)
    }

    @Test("booleans stay booleans, integers stay integers")
    func types() throws {
        #expect(try ConsentJSON.parse("true") == .bool(true))
        #expect(try ConsentJSON.parse("1") == .int(1))
        #expect(try ConsentJSON.parse("1.0") == .double(1.0))
        #expect(try ConsentJSON.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test("malformed JSON is an error with an offset", arguments: [
        "", "{", "{\"a\" 1}", "[1,]", "01", "\"abc", "tru", "{\"a\":1} x", "\"\u{01}\"", "[\"\\q\"]", "-", "1e",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func malformed(text: String) {
        #expect(throws: ConsentDecodeError.self) { try ConsentJSON.parse(text) }
    }
}

@Suite("ConsentDecodeResult rendering")
struct ConsentDecodeResultRenderingTests {
    @Test("jsonObject() is accepted by JSONSerialization and matches the deterministic text")
    func foundationObject() throws {
        let r = ConsentSignalDecoder.decode("DBABMA~CPSG_8APSG_8AAAAAAENAACAAAAAAAAAAAAAAOAAAABAAAAA.QAAA.IAAA")
        let obj = r.jsonObject()
        #expect(JSONSerialization.isValidJSONObject(obj))
        let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
        let reparsed = try ConsentJSON.parse(String(decoding: data, as: UTF8.self))
        #expect(reparsed == r.jsonValue)
    }

    @Test("errors render outcome, message, code and kind")
    func errorRendering() {
        let r = ConsentSignalDecoder.decode("1YNNN")
        #expect(r.json == #"{"error":"US Privacy string must be exactly 4 characters","errorCode":"bad_length","outcome":"error","signal":"usp"}"#)
    }
}
