import Primitives
#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread running a closure, joinable. Signals blocked in the spawning thread stay blocked in it.
package final class LiveThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: @Sendable () -> Void
    package let name: String

    private init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    /// Starts `body` on a new thread.
    package static func spawn(name: String, _ body: @escaping @Sendable () -> Void) -> LiveThread {
        let t = LiveThread(name: name, body: body)
        let context = Unmanaged.passRetained(t).toOpaque()
        let status = pthread_create(&t.thread, nil, { raw in
            let me = Unmanaged<LiveThread>.fromOpaque(raw!).takeRetainedValue()
            me.body()
            return nil
        }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
        return t
    }

    /// Waits for the thread to end.
    package func join() {
        _ = pthread_join(thread, nil)
    }
}

/// The wall clock as a `Timestamp`: for the edges of live mode only (the core never reads a clock).
package func wallClock() -> Timestamp {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Timestamp(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
}

/// Sleeps for `microseconds` (for idle polling loops).
package func sleepMicroseconds(_ microseconds: Int) {
    var ts = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1000)
    _ = nanosleep(&ts, nil)
}
