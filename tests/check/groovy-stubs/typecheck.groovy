// groovyc --configscript: type-check the generated script against the stubs,
// so a wrong class, method or argument type fails the compile.
withConfig(configuration) {
	ast(groovy.transform.TypeChecked)
}
