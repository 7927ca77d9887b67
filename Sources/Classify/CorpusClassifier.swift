import Foundation
import Payload

/// Runs the corpus format: JSONL records `{"id", "field_path", "value", "context": {"vendor",
/// "body_type"}}` in, `{"id", "label", "confidence"}` lines out (same order). A line that is not
/// a JSON object with a string `id` is counted as malformed and skipped; blank lines are ignored.
/// `context.body_type` maps to the location (`query` -> query, `form`/`json` -> body).
package enum CorpusClassifier {
    package static func run(input: some Sequence<String>, output: (String) -> Void) -> (records: Int, malformed: Int) {
        let classifier = FieldClassifier()
        var records = 0, malformed = 0
        for line in input {
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let data = line.data(using: .utf8),
                  let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let id = obj["id"] as? String else { malformed += 1; continue }
            let path = obj["field_path"] as? String ?? ""
            let value: String
            switch obj["value"] {
            case let s as String: value = s
            case let n as NSNumber: value = n.stringValue
            default: value = ""
            }
            let context = obj["context"] as? [String: Any]
            let vendor = context?["vendor"] as? String
            let location: FieldLocation? = switch context?["body_type"] as? String {
            case "query": .query
            case "form", "json": .body
            default: nil
            }
            let c = classifier.classify(path: path, value: value, vendor: vendor, location: location)
            let out: [String: Any] = ["id": id, "label": c.category.rawValue,
                                      "confidence": (c.confidence * 1000).rounded() / 1000]
            if let d = try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]),
               let s = String(data: d, encoding: .utf8) {
                output(s)
            }
            records += 1
        }
        return (records, malformed)
    }
}
