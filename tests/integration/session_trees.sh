# Sourced, not run: the two sessions' trees the multisession burn tests write
# (imapi_burn.sh, imapi_burn_udf_sessions.sh), made in the current directory:
# tree1 and tree2 of incompressible files, and both, what a disc holds after
# tree2 was appended to tree1 (the first session imported).
make_session_trees() {
  mkdir -p tree1/sub tree2/more
  head -c 1500000 /dev/urandom > tree1/big.bin
  head -c 70001 /dev/urandom > tree1/sub/small.bin
  echo "session one" > tree1/readme.txt
  head -c 600000 /dev/urandom > tree2/second.bin
  echo "session two" > tree2/more/note.txt
  mkdir -p both; cp -a tree1/. both/; cp -a tree2/. both/
}
