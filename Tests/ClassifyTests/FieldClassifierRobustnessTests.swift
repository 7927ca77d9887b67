import Foundation
import Testing
import Payload
@testable import Classify

@Suite("FieldClassifier robustness")
struct FieldClassifierRobustnessTests {
    @Test("random paths and values never crash and always give a confidence in 0...1")
    func fuzz() {
        let c = FieldClassifier()
        let alphabet = Array("aZ09@.+-_ ()[]#:/%=,$\u{00e9}\u{65e5}x\n\"".unicodeScalars)
        var seed: UInt64 = 99
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for round in 0..<3000 {
            var path = "", value = ""
            for _ in 0..<(next() % 12) { path.unicodeScalars.append(alphabet[next() % alphabet.count]) }
            for _ in 0..<(round % 70) { value.unicodeScalars.append(alphabet[next() % alphabet.count]) }
            for loc in [FieldLocation.body, .query, .header, .cookie] {
                let r = c.classify(path: path, value: value, vendor: nil, location: loc)
                #expect((0...1).contains(r.confidence))
            }
        }
        let huge = String(repeating: "a@b.co ", count: 20_000)
        #expect(c.classify(path: "note", value: huge, vendor: nil, location: .body).category == .none)   // over the value cap
    }

    @Test("cost: the dev corpus classifies at a measured rate (debug build figure printed)")
    func cost() throws {
        let text = try #require(try? String(contentsOf: CorpusScoreTests.corpusURL(), encoding: .utf8), "dev corpus missing")
        var pairs: [(String, String)] = []
        for line in text.split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            pairs.append((o["field_path"] as! String, o["value"] as! String))
        }
        let c = FieldClassifier()
        let clock = ContinuousClock()
        var personal = 0
        let rounds = 5
        let elapsed = clock.measure {
            for _ in 0..<rounds { for (p, v) in pairs where c.classify(path: p, value: v, vendor: nil, location: .body).category != .none { personal += 1 } }
        }
        let perSecond = Double(pairs.count * rounds) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print("classify cost: \(pairs.count * rounds) fields in \(elapsed), \(Int(perSecond)) fields/s (this build)")
        #expect(personal > 0)
    }
}
