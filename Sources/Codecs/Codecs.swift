// Placeholder: the Codecs stage. See docs/ARCHITECTURE.md.
import Primitives
