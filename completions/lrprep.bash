# bash completion for lrprep(1). Install as
# /usr/share/bash-completion/completions/lrprep, or source it from ~/.bashrc.
# The option lists follow each command's --help (tests/report checks them).

_lrprep_opts() {
	case $1 in
	sample) echo "-o --output --into --liferay --seed --sites --articles --versions --documents
		--users --rows --store --no-store --store-layout --truth --no-indexes --force --json -h --help" ;;
	import) echo "-o --output --into --format --force -q --quiet --json -h --help" ;;
	inspect) echo "--liferay-home --json --html --top --only --skip --list-checks --max-samples -q --quiet -h --help" ;;
	plan) echo "-o --output --tsv --keep-first --keep-last --inactive-days --site-idle-days --only
		--no-orphans --liferay-home --html -h --help" ;;
	prune) echo "--plan --dry-run --journal --store --liferay-home --force --batch --json -h --help" ;;
	undo) echo "--journal --liferay-home --json -h --help" ;;
	script) echo "--plan -o --output --liferay --batch --liferay-home -h --help" ;;
	check) echo "--before --plan --all --only --skip --max-samples --json --html --liferay-home -h --help" ;;
	snapshot) echo "-o --output --liferay-home -h --help" ;;
	apps) echo "--liferay-home --json --html --all -h --help" ;;
	staging) echo "--liferay-home --json --html --script -h --help" ;;
	report) echo "-o --output --title --liferay-home --keep-first --keep-last --inactive-days
		--site-idle-days --json -q --quiet -h --help" ;;
	backup) echo "--to --liferay-home --store --jobs --include-logs --include-work --include-index
		--checksum --force --json -h --help" ;;
	verify) echo "--restore-into --sample --json -h --help" ;;
	esac
}

_lrprep() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmds="sample import inspect plan prune undo script check snapshot apps staging report backup verify"
	local cmd="" i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	COMPREPLY=()
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$cmds -q --quiet -v --verbose -h --help --version" -- "$cur"))
		return
	fi
	case $prev in
	-o|--output|--truth|--plan|--script|--before|--restore-into|--html)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--liferay-home|--store|--to|--journal)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W "mysqldump pg_dump hsqldb" -- "$cur")); return ;;
	--liferay) COMPREPLY=($(compgen -W "6.2 7.0 7.1" -- "$cur")); return ;;
	--store-layout) COMPREPLY=($(compgen -W "fs advanced" -- "$cur")); return ;;
	--only)
		if [[ $cmd == plan ]]; then
			COMPREPLY=($(compgen -W "site page user instance article-version file-version structure template orphan" -- "$cur"))
		fi
		return ;;
	--into|--title|--seed|--sites|--articles|--versions|--documents|--users|--rows|--top|--skip|\
	--max-samples|--keep-first|--keep-last|--inactive-days|--site-idle-days|--batch|--jobs|--sample)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_lrprep_opts "$cmd")" -- "$cur"))
	else
		# DB: an SQLite file, a dump, a backup directory; URIs are typed
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -F _lrprep lrprep
