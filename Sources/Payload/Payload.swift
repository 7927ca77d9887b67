// Placeholder: the Payload stage. See docs/ARCHITECTURE.md.
import Primitives
