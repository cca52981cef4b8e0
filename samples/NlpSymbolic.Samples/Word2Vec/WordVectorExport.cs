using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Data;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>The trained input vectors as a word-vector file (<c>--save-vectors</c>), most frequent word first.</summary>
internal static class WordVectorExport
{
    public static void Save(string path, Matrix<double> vectors, Vocabulary vocabulary)
    {
        var format = path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".bin.gz", StringComparison.OrdinalIgnoreCase)
            ? WordVectorFormat.Word2VecBinary
            : WordVectorFormat.Word2VecText;
        var rows = new List<WordVector>(vocabulary.Count);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            if (i == vocabulary.UnknownIndex)
            {
                continue; // words below --min-count were dropped from the text: <unk> was never trained
            }

            var values = new float[vectors.RowCount];
            for (var r = 0; r < values.Length; r++)
            {
                values[r] = (float)vectors[r, i];
            }

            rows.Add(new WordVector(vocabulary.WordAt(i), values));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new Hosting.SampleException($"--save-vectors {path}: the folder {folder} does not exist", Hosting.ExitCodes.Usage);
        }

        WordVectorFile.Write(path, format, rows);
    }
}
