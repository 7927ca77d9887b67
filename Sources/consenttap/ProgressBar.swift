#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on stderr (bytes done of total, rate, time left), only when stderr is a
/// terminal. Redrawn at most five times a second; wall-clock time is read here, at the edge, never in
/// the core.
final class ProgressBar {
    private let start = ProgressBar.now()
    private var lastDraw = 0.0
    private var drawn = false

    static func forStandardError() -> ProgressBar? { isatty(2) == 1 ? ProgressBar() : nil }

    func update(done: Int64, total: Int64?) {
        let t = ProgressBar.now()
        guard t - lastDraw >= 0.2 else { return }
        lastDraw = t
        let elapsed = max(t - start, 1e-3)
        let rate = Double(done) / elapsed
        var line = ""
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            let left = rate > 0 ? Double(total - done) / rate : 0
            line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                + ProgressBar.size(Double(done)) + " / " + ProgressBar.size(Double(total))
                + "  " + ProgressBar.size(rate) + "/s  " + ProgressBar.duration(left) + " left"
        } else {
            line = ProgressBar.size(Double(done)) + "  " + ProgressBar.size(rate) + "/s"
        }
        writeStandardError("\r\u{1B}[K" + line)
        drawn = true
    }

    func clear() { if drawn { writeStandardError("\r\u{1B}[K") } }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func size(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = bytes, i = 0
        while v >= 1000, i < units.count - 1 { v /= 1000; i += 1 }
        return (i == 0 ? String(Int(v)) : String(Double(Int(v * 10)) / 10)) + " " + units[i]
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s / 60 % 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
