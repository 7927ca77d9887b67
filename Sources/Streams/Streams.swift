// Placeholder: the Streams stage. See docs/ARCHITECTURE.md.
import Primitives
