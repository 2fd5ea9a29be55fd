"""Material's search worker, mended where it cuts a Chinese query into the index's words.

The worker splits a run of Chinese characters greedily into words the index holds, but it
never tries a piece that reaches the query's last character: 学术年会, one word of the index,
was searched as 学术 or 年, and the reports that say 学术年会 came after every page with a 年 in
it. The mend lets a piece end at the last character, so a word the index holds is searched
whole and a longer query (中医药学术年会) is cut into whole words (中医药, 学术年会).
Material's other limit is kept on purpose: a last piece of one character is not searched on its
own (学术年, typed on the way to 学术年会, is searched as 学术, not as 学术 or any page with 年).

The worker joins the pieces as `成都市* 机械工程* 学会` and then adds a `*` to every term, so
every piece but the last became `成都市**`; the term a result is said to match (or to miss: the
"缺少" line under it, and the weight of the terms it holds in its score) kept one `*`, matched no
word of the index, and a society's page searched by its full name was said to miss 成都市* and
机械工程*. The mend takes every trailing `*` off a term, so the terms are the index's words.

The index keeps jieba's cut as zero-width spaces (U+200B) between the words of every title and
text, the separator by which the worker finds the words again; the results showed them, and a
title copied from the list (成都市\u200b机械工程\u200b学会) carried them. The mend takes them out of
the results' titles and texts once they are highlighted: the index and the matching keep them.

The worker is Material's minified file; the exact text mended is checked: if a new Material
no longer holds it, the build stops and says so (`tests/browser/test_site.py` searches the
built site). Zensical has a search of its own and is not touched.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SearchWorkerChanged", "mend_search_worker"]

_WORKERS = "assets/javascripts/workers"
# (Material's code, the code mended): each found exactly once in the worker.
_MENDS = (
    # In `segment(query, index)`: every piece query.slice(i, j) the index holds, for j < length.
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
     "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    # In `parseSearchQuery(query)`: a term's trailing wildcard, one `*` of it.
    ('n.term.endsWith("*")&&(n.wildcard=lunr.Query.wildcard.TRAILING,n.term=n.term.slice(0,-1))',
     'n.term.endsWith("*")&&(n.wildcard=lunr.Query.wildcard.TRAILING,n.term=n.term.replace(/\\*+$/,""))'),
    # In `search(query)`, once the results are grouped (n): their titles and texts, highlighted.
    ("let i;if(this.options.suggest)",
     'for(let s of n.values())for(let o of s)for(let a of["title","text"])'
     'typeof o[a]=="string"&&(o[a]=o[a].replace(/\\u200b/g,""));let i;if(this.options.suggest)'),
)


class SearchWorkerChanged(RuntimeError):
    """Material's worker no longer holds the code mended here."""


def mend_search_worker(site_dir: Path) -> bool:
    """Mends the built site's search worker in place; False when there is none (no search)."""
    workers = sorted((site_dir / _WORKERS).glob("search.*.min.js"))
    for worker in workers:
        code = mended = worker.read_text(encoding="utf-8")
        for cut, mend in _MENDS:
            if mend in mended:
                continue  # a preview's rebuild that kept the file
            if mended.count(cut) != 1:
                raise SearchWorkerChanged(
                    f"Material 的搜索脚本 {worker.name} 与本站修补时的版本不同，中文搜索词的切分、结果中的“缺少”和零宽空格都没有修补："
                    "请对照 site_builder/search_worker.py 更新要修补的代码，或在 Material 已修正时删去这一步。")
            mended = mended.replace(cut, mend)
        if mended != code:
            worker.write_text(mended, encoding="utf-8")
    return bool(workers)
