import Foundation
import Testing
import Payload
@testable import Classify

@Suite("CorpusClassifier")
struct CorpusClassifierTests {
    @Test("reads corpus records, writes id/label/confidence, counts malformed lines")
    func run() {
        let input = [
            #"{"id": "r1", "field_path": "traits.email", "value": "jo@mail.it", "context": {"vendor": "segment", "body_type": "json"}}"#,
            "",
            "not json",
            #"{"field_path": "x"}"#,
            ##"{"id": "r2", "field_path": "ti", "value": "#62570", "context": {"vendor": "google_ua", "body_type": "query"}}"##,
        ]
        var out: [String] = []
        let r = CorpusClassifier.run(input: input) { out.append($0) }
        #expect(r.records == 2 && r.malformed == 2)
        #expect(out.count == 2)
        #expect(out[0].contains(#""id":"r1""#) && out[0].contains(#""label":"email""#) && out[0].contains("confidence"))
        #expect(out[1].contains(#""label":"none""#))
    }
}
