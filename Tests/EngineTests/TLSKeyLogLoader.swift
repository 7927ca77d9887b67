import Foundation
import TLS

enum TLSKeyLogLoader {
    static func load(_ path: String) -> KeyLog {
        let keyLog = KeyLog()
        if let data = FileManager.default.contents(atPath: path) { keyLog.add(text: String(decoding: data, as: UTF8.self)) }
        return keyLog
    }
}
