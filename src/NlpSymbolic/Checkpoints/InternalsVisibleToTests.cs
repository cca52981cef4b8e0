using System.Runtime.CompilerServices;

// The checkpoint tests inject a failure between writing the temporary file and renaming it
// (SafeTensors.Save's internal hook) to prove the previous checkpoint survives.
[assembly: InternalsVisibleTo("NlpSymbolic.Runtime.Tests")]
