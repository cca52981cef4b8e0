using System.Runtime.CompilerServices;

// The checkpoint tests inject failures into SafeTensors.Save (a stream that fails partway, a throw
// just before the rename) through its internal overload, to prove the previous checkpoint survives.
[assembly: InternalsVisibleTo("NlpSymbolic.Runtime.Tests")]
