import Foundation
import Testing
@testable import Consent

/// Every vector of `../shared/research/consent-vectors.json` (99 at the time of writing), compared
/// mechanically: the outcome, then every key of `expected` equal in our output.
@Suite("Consent vectors")
struct ConsentVectorTests {
    struct Vector {
        var id: String
        var signal: String
        var kind: String
        var input: String
        var expected: ConsentJSON
    }

    static func vectors() throws -> [Vector] {
        guard let data = SharedResearch.load("consent-vectors.json") else { return [] }
        let root = try ConsentJSON.parse(String(decoding: data, as: UTF8.self))
        let list = try #require(root["vectors"]?.arrayValue)
        #expect(root["count"]?.intValue == list.count)
        return try list.map { v in
            Vector(id: try #require(v["id"]?.stringValue), signal: try #require(v["signal"]?.stringValue),
                   kind: try #require(v["kind"]?.stringValue), input: try #require(v["input"]?.stringValue),
                   expected: try #require(v["expected"]))
        }
    }

    @Test("the vector file is present and has vectors of every signal")
    func vectorFilePresent() throws {
        let vs = try Self.vectors()
        #expect(vs.count >= 99)
        #expect(Set(vs.map(\.signal)) == ["tcf", "gpp", "usp", "gcs", "gcd"])
    }

    @Test("every vector decodes as expected with kind detection")
    func everyVectorAutoDetected() throws {
        let vs = try Self.vectors()
        #expect(!vs.isEmpty)
        for v in vs {
            let result = ConsentSignalDecoder.decode(v.input)
            let mismatches = subsetMismatches(expected: v.expected, actual: result.jsonValue)
            #expect(mismatches.isEmpty, "\(v.id) (\(v.kind)): \(mismatches.prefix(5))")
            if result.isOK { #expect(result.kind?.rawValue == v.signal, "\(v.id) detected as \(String(describing: result.kind))") }
        }
    }

    @Test("every vector decodes as expected with the kind given")
    func everyVectorExplicitKind() throws {
        for v in try Self.vectors() {
            let kind = try #require(ConsentSignalKind(rawValue: v.signal))
            let result = ConsentSignalDecoder.decode(v.input, as: kind)
            let mismatches = subsetMismatches(expected: v.expected, actual: result.jsonValue)
            #expect(mismatches.isEmpty, "\(v.id) (\(v.kind)): \(mismatches.prefix(5))")
        }
    }

    @Test("error outcomes carry a message")
    func errorsHaveMessages() throws {
        for v in try Self.vectors() where v.expected["outcome"]?.stringValue == "error" {
            let result = ConsentSignalDecoder.decode(v.input)
            let message = try #require(result.error?.message)
            #expect(!message.isEmpty)
            #expect(result.jsonValue["error"]?.stringValue == message)
        }
    }
}
