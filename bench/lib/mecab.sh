# Sourced by the benchmarks that compare with MeCab: installs Debian's
# `mecab` when missing and unpacks mecab-ko-dic 2.1.1-20180720 from PyPI's
# python-mecab-ko-dic 2.1.1.post2 (the release ../shared/ko-dic was built
# from) into target/bench-mecab; sets $mecab_dic to its directory.
command -v mecab >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mecab) >&2
mecab_root="target/bench-mecab"
if [ ! -d "$mecab_root/mecab_ko_dic/dictionary" ]; then
  mkdir -p "$mecab_root"
  python3 -m pip download --quiet --no-deps --dest "$mecab_root" python-mecab-ko-dic==2.1.1.post2
  (cd "$mecab_root" && python3 -m zipfile -e python_mecab_ko_dic-*.whl .)
fi
mecab_dic="$mecab_root/mecab_ko_dic/dictionary"
